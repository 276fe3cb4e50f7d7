package dev.autolabel.labeling;

/**
 * What one {@link LabelingPipeline#run} did: rows delivered, its wall time, the inference thread's busy time (its
 * share of the wall time says how well fetch and decode kept the models fed), model batches run, and the resize
 * buffers allocated (bounded by the pipeline's settings, not by the number of rows).
 */
public record PipelineStats(long rows, long wallNanos, long inferenceBusyNanos, long batches, int resizeBuffers) {

    public PipelineStats {
        if (rows < 0 || wallNanos < 0 || inferenceBusyNanos < 0 || batches < 0 || resizeBuffers < 0) {
            throw new IllegalArgumentException("pipeline statistics must be >= 0");
        }
    }

    /** Share of the wall time the inference thread spent running batches, 0..1. */
    public double inferenceUtilisation() {
        return wallNanos == 0 ? 0 : Math.min(1.0, (double) inferenceBusyNanos / wallNanos);
    }
}
