package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.DctScale;
import dev.autolabel.image.DecodeLimits;
import dev.autolabel.image.FastJpegDecoder;
import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.image.InputSpec;
import dev.autolabel.image.Preprocessor;
import dev.autolabel.image.RgbImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Part (b) of {@code autolabel bench}: decode, and decode + preprocess into a model input, per thread (one thread),
 * for each image through the fast path at full size, the fast path DCT-scaled for the model input, and ImageIO.
 * Needs no Spark: it also runs on JDKs Spark does not support, to compare their ImageIO decoders.
 */
public final class DecodeBenchmark {

    /** A decode path under test. */
    public enum Path {
        FAST_FULL("fast", "full"),
        FAST_DCT("fast", "dct"),
        IMAGEIO("imageio", "full");

        private final String decoder;
        private final String scaling;

        Path(String decoder, String scaling) {
            this.decoder = decoder;
            this.scaling = scaling;
        }

        public String decoder() {
            return decoder;
        }

        public String scaling() {
            return scaling;
        }
    }

    /**
     * One measured combination.
     *
     * @param denominator the DCT scale the decode ran at (1 = full size)
     * @param decode      decode only: images per second on one thread
     * @param prepared    decode + letterbox/normalise into the model input
     */
    public record Result(String image, Path path, int denominator, Throughput.Rate decode, Throughput.Rate prepared) {
    }

    private final DecodeLimits limits = new DecodeLimits(100_000_000);
    private final InputSpec input;
    private final Duration minTime;
    private final int rounds;

    public DecodeBenchmark(InputSpec input, Duration minTime, int rounds) {
        this.input = requireNonNull(input, "input");
        this.minTime = requireNonNull(minTime, "minTime");
        this.rounds = rounds;
    }

    /** The paths this JVM can run: the fast ones only where the native library loads. */
    public static List<Path> availablePaths() {
        return FastJpegDecoder.unavailableReason().isPresent() ? List.of(Path.IMAGEIO) : List.of(Path.values());
    }

    public List<Result> run(List<BenchImages.Image> images, List<Path> paths) throws Exception {
        List<Result> results = new ArrayList<>();
        for (BenchImages.Image image : images) {
            for (Path path : paths) {
                results.add(measure(image, path));
            }
        }
        return results;
    }

    private Result measure(BenchImages.Image image, Path path) throws Exception {
        ImageDecoder decoder = decoder(path);
        int denominator = path == Path.FAST_DCT ? DctScale.denominator(image.width(), image.height(), List.of(input)) : 1;
        Throughput.Rate decode = Throughput.measure(() -> decoder.decode(image.bytes(), image.name()).rgb().length,
                minTime, rounds);
        Preprocessor preprocessor = new Preprocessor(input);
        float[] plane = new float[input.planeFloats()];
        Throughput.Rate prepared = Throughput.measure(() -> {
            RgbImage decoded = decoder.decode(image.bytes(), image.name());
            return preprocessor.writeInto(decoded, plane, 0).contentWidth();
        }, minTime, rounds);
        return new Result(image.name(), path, denominator, decode, prepared);
    }

    private ImageDecoder decoder(Path path) {
        return switch (path) {
            case FAST_FULL -> new FastJpegDecoder(limits, List.of());
            case FAST_DCT -> new FastJpegDecoder(limits, List.of(input));
            case IMAGEIO -> new ImageIoDecoder(limits);
        };
    }

    /** Why the fast paths are missing from {@link #availablePaths()}, if they are. */
    public static Optional<String> fastPathUnavailable() {
        return FastJpegDecoder.unavailableReason();
    }
}
