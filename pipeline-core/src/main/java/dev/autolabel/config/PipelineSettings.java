package dev.autolabel.config;

/**
 * How the labeling pipeline ({@code labeling.LabelingPipeline}) overlaps its stages: reads in flight, decode
 * threads, and images buffered between decode and inference. Zero means "derive it": decode threads from the cores
 * the task may use, the queue from the batch size. Together with the batch size these bound a task's memory,
 * whatever the partition's size.
 */
public record PipelineSettings(int fetchConcurrency, int decodeThreads, int queueCapacity) {

    public static final int MAX_FETCH_CONCURRENCY = 1024;
    public static final int MAX_THREADS = 1024;
    public static final int MAX_QUEUE = 65_536;

    public PipelineSettings {
        if (fetchConcurrency < 1 || fetchConcurrency > MAX_FETCH_CONCURRENCY) {
            throw new IllegalArgumentException("execution.fetch-concurrency must be in 1.." + MAX_FETCH_CONCURRENCY
                    + ", got " + fetchConcurrency);
        }
        if (decodeThreads < 0 || decodeThreads > MAX_THREADS) {
            throw new IllegalArgumentException("execution.decode-threads must be in 0.." + MAX_THREADS + ", got " + decodeThreads);
        }
        if (queueCapacity < 0 || queueCapacity > MAX_QUEUE) {
            throw new IllegalArgumentException("execution.queue-capacity must be in 0.." + MAX_QUEUE + ", got " + queueCapacity);
        }
    }

    /** reference.conf's values: 16 reads in flight, a decode thread per core, a queue of two batches. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(16, 0, 0);
    }

    /** Decode threads, {@code cores} when the setting is 0. */
    public int decodeThreadsFor(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        return decodeThreads > 0 ? decodeThreads : cores;
    }

    /** Images buffered between decode and inference, two batches when the setting is 0. */
    public int queueCapacityFor(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        return queueCapacity > 0 ? queueCapacity : 2 * batchSize;
    }
}
