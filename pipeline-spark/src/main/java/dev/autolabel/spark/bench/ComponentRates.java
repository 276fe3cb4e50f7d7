package dev.autolabel.spark.bench;

import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.InputSpec;
import dev.autolabel.image.Preprocessor;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.LabelingException;
import dev.autolabel.model.Detector;
import dev.autolabel.model.ModelSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * The two rates a pipeline is judged against, each measured alone: (a) the bare model, one batch of input tensors
 * made beforehand, run again and again straight through the session; (b) decode and resize (the decode stage's work) on one thread, from bytes
 * already in memory. Each runs for at least the given time after a warm-up.
 */
final class ComponentRates {

    private static final int WARM_UP = 3;

    private ComponentRates() {
    }

    /**
     * (a) Images per second of the detector's model alone, at the detector's batch size, on input tensors made
     * beforehand from {@code images} (real pictures: random tensors can run at another speed, e.g. through
     * denormal numbers deep in the network).
     */
    static double bareModel(Detector detector, ImageDecoder decoder, List<byte[]> images, double seconds) {
        ModelSession session = detector.session();
        if (session.inputNames().size() != 1) {
            throw new IllegalArgumentException("the bare-model rate needs a one-input (closed-set) model; "
                    + session.file() + " has " + session.inputNames());
        }
        InputSpec spec = detector.inputSpec();
        int batch = detector.batchSize();
        float[] planes = new float[batch * spec.planeFloats()];
        for (int i = 0; i < batch; i++) {
            detector.preprocessor().writeInto(decode(decoder, images.get(i % images.size())), planes, i * spec.planeFloats());
        }
        FloatBuffer input = ByteBuffer.allocateDirect(planes.length * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer().put(planes);
        String name = session.inputNames().get(0);
        Map<String, long[]> shapes = Map.of(name, new long[] {batch, 3, spec.height(), spec.width()});
        Runnable run = () -> session.run(Map.of(name, input.rewind()), shapes);
        return rate(run, batch, seconds);
    }

    /** (b) Images per second one thread decodes and resizes into the model's input. */
    static double decodeAndResize(ImageDecoder decoder, Preprocessor preprocessor, List<byte[]> images, double seconds) {
        byte[] resized = new byte[preprocessor.spec().planeFloats()];
        int[] next = {0};
        Runnable one = () -> {
            byte[] bytes = images.get(next[0]++ % images.size());
            preprocessor.resizeInto(decode(decoder, bytes), resized);
        };
        return rate(one, 1, seconds);
    }

    private static RgbImage decode(ImageDecoder decoder, byte[] bytes) {
        try {
            return decoder.decode(bytes, "benchmark image");
        } catch (LabelingException e) {
            throw new IllegalStateException("a benchmark image does not decode: " + e.getMessage(), e);
        }
    }

    private static double rate(Runnable step, int imagesPerStep, double seconds) {
        for (int i = 0; i < WARM_UP; i++) {
            step.run();
        }
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long steps = 0;
        do {
            step.run();
            steps++;
        } while (System.nanoTime() < deadline);
        return steps * imagesPerStep / ((System.nanoTime() - start) / 1e9);
    }
}
