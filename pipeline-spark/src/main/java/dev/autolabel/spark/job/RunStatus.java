package dev.autolabel.spark.job;

/** How a run ended, as written to {@code run.json} ({@code "status"}). */
public enum RunStatus {
    /** Every shard was labeled and committed. */
    COMPLETED,
    /** Too many FAILED rows ({@code run.max-failure-ratio}): the job was cancelled, committed shards were kept. */
    STOPPED_FAILURE_RATIO
}
