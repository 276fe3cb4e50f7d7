package dev.autolabel.spark.job;

/** How a run ended, as written to {@code run.json} ({@code "status"}). */
public enum RunStatus {
    /** Every shard was labeled and committed. */
    COMPLETED,
    /** Too many FAILED rows ({@code run.max-failure-ratio}): the job was cancelled, committed shards were kept. */
    STOPPED_FAILURE_RATIO,
    /**
     * A model failed on an executor in a way the driver's check before the job could not see: the run stopped,
     * committed shards were kept (rerunning the same run id resumes once the model or config is fixed).
     */
    FAILED_MODEL_ERROR
}
