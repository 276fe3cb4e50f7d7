package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.ModelSession;
import dev.autolabel.model.SessionCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Part (a) of {@code autolabel bench}: the bare model. One batch of random input is made once; the timed loop only
 * runs the session ({@link ModelSession#run}, the call the pipeline makes, outputs copied out and tensors closed).
 * This is the ceiling the full pipeline is compared with.
 */
public final class ModelBenchmark {

    /**
     * @param provider  where the session runs ("CPU", "CUDA:0")
     * @param batchRate batches per second (best round); images per second is {@code batchRate * batchSize}
     */
    public record Result(String provider, int batchSize, int width, int height, Throughput.Rate batchRate) {

        public double imagesPerSecond() {
            return batchRate.perSecond() * batchSize;
        }

        public double millisPerBatch() {
            return 1000.0 / batchRate.perSecond();
        }
    }

    private final ExecutionSettings execution;
    private final Duration minTime;
    private final int rounds;

    public ModelBenchmark(ExecutionSettings execution, Duration minTime, int rounds) {
        this.execution = requireNonNull(execution, "execution");
        this.minTime = requireNonNull(minTime, "minTime");
        this.rounds = rounds;
    }

    public Result run(Path model, int batchSize) throws Exception {
        ModelSession session = SessionCache.get(model, Optional.empty(), execution);
        String inputName = session.inputNames().get(0);
        long[] declared = session.inputShapes().get(inputName);
        int height = declared.length == 4 && declared[2] > 0 ? (int) declared[2] : 640;
        int width = declared.length == 4 && declared[3] > 0 ? (int) declared[3] : 640;
        // A model exported with a fixed batch runs at that size, as the pipeline does.
        int batch = declared.length == 4 && declared[0] > 0 ? (int) declared[0] : batchSize;
        long[] shape = {batch, 3, height, width};
        FloatBuffer input = randomBatch(batch * 3 * height * width);
        Map<String, long[]> shapes = Map.of(inputName, shape);
        Throughput.Rate rate = Throughput.measure(() -> session.run(Map.of(inputName, input.rewind()), shapes).size(),
                minTime, rounds);
        return new Result(session.provider(), batch, width, height, rate);
    }

    private static FloatBuffer randomBatch(int floats) {
        FloatBuffer b = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Random random = new Random(1);
        while (b.hasRemaining()) {
            b.put(random.nextFloat());
        }
        return b.flip();
    }
}
