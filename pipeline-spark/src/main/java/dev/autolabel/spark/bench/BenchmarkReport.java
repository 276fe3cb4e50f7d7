package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link PipelineBenchmark} measured: (a) the bare model, (b) decode + resize on one thread, and (c) the
 * full pipeline per source and master, with the ratios the pipeline is judged by: c/a, and c against the serial
 * bound 1/(1/a + 1/b) (one image decoded, then inferred, with nothing overlapped).
 */
public record BenchmarkReport(String model, int inputWidth, int inputHeight, int batchSize, int images, String imageSize,
        String decoder, double bareModel, double decodePerThread, List<PipelineMeasurement> pipeline) {

    public BenchmarkReport {
        requireNonNull(model, "model");
        requireNonNull(imageSize, "imageSize");
        requireNonNull(decoder, "decoder");
        pipeline = List.copyOf(pipeline);
    }

    /** 1/(1/a + 1/b): images/s if each image were decoded and then inferred, one after the other. */
    public double serialBound() {
        return 1 / (1 / bareModel + 1 / decodePerThread);
    }

    public Optional<PipelineMeasurement> measurement(String source, String master) {
        return pipeline.stream().filter(m -> m.source().equals(source) && m.master().equals(master)).findFirst();
    }

    /** c(second master) / c(first master) for one source, e.g. local[2] over local[1]. */
    public Optional<Double> scaling(String source, String from, String to) {
        return measurement(source, from).flatMap(a -> measurement(source, to).map(b -> b.best() / a.best()));
    }

    public void print(PrintStream out) {
        out.printf("[bench] model %s (input %dx%d, batch %d); %d JPEGs %s; decoder %s%n", model, inputWidth,
                inputHeight, batchSize, images, imageSize, decoder);
        out.printf("[bench] a  bare model, pre-made tensors:           %8.2f images/s%n", bareModel);
        out.printf("[bench] b  decode + resize, one thread:            %8.2f images/s%n", decodePerThread);
        out.printf("[bench]    serial bound 1/(1/a+1/b):               %8.2f images/s%n", serialBound());
        for (PipelineMeasurement m : pipeline) {
            out.printf("[bench] c  %-5s %-9s %8.2f images/s (runs: %s)  c/a %.2f  c/(1/(1/a+1/b)) %.2f%n", m.source(),
                    m.master(), m.best(), m.imagesPerSecond().stream().map(v -> String.format("%.2f", v))
                            .collect(Collectors.joining(" ")), m.best() / bareModel, m.best() / serialBound());
            out.printf("[bench]    stages of the best run (thread-seconds; wall %.1f s): %s%n", m.bestWallSeconds(),
                    stages(m.bestStageSeconds()));
            out.printf("[bench]    inference busy %.0f%% of the wall time per task slot%n", 100 * m.inferenceBusyShare());
        }
        pipeline.stream().map(PipelineMeasurement::source).distinct().forEach(source -> {
            List<String> masters = pipeline.stream().filter(m -> m.source().equals(source))
                    .map(PipelineMeasurement::master).toList();
            if (masters.size() >= 2) {
                out.printf("[bench] scaling %s: %s / %s = %.2f%n", source, masters.get(masters.size() - 1), masters.get(0),
                        scaling(source, masters.get(0), masters.get(masters.size() - 1)).orElseThrow());
            }
        });
    }

    private static String stages(Map<String, Double> seconds) {
        return seconds.entrySet().stream().map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
