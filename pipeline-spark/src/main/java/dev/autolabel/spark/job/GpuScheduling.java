package dev.autolabel.spark.job;

import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * Checks Spark's GPU scheduling against {@code execution.tasks-per-gpu}: Spark decides how many tasks share a GPU
 * ({@code spark.task.resource.gpu.amount} = 1/n), so a config that expects another n is told so on the driver.
 */
final class GpuScheduling {

    static final String EXECUTOR_GPUS = "spark.executor.resource.gpu.amount";
    static final String TASK_GPUS = "spark.task.resource.gpu.amount";

    private GpuScheduling() {
    }

    /** A one-line warning when the Spark settings do not give {@code tasksPerGpu} tasks per GPU; empty when they do. */
    static Optional<String> mismatch(SparkConf conf, int tasksPerGpu) {
        if (!conf.contains(EXECUTOR_GPUS)) {
            return tasksPerGpu == 1 ? Optional.empty() : Optional.of("execution.tasks-per-gpu = " + tasksPerGpu
                    + " but Spark schedules no GPUs (" + EXECUTOR_GPUS + " is not set): the setting has no effect");
        }
        String expected = tasksPerGpu == 1 ? "1" : "1/" + tasksPerGpu + " = " + 1.0 / tasksPerGpu;
        if (!conf.contains(TASK_GPUS)) {
            return Optional.of(TASK_GPUS + " is not set; execution.tasks-per-gpu = " + tasksPerGpu + " expects " + expected);
        }
        double amount = conf.getDouble(TASK_GPUS, 0);
        if (Math.abs(amount - 1.0 / tasksPerGpu) > 1e-3) {
            return Optional.of(TASK_GPUS + " = " + conf.get(TASK_GPUS) + " but execution.tasks-per-gpu = " + tasksPerGpu
                    + " expects " + expected + ": Spark runs " + (amount > 0 ? Math.max(1, (int) Math.round(1 / amount)) : "?")
                    + " task(s) per GPU");
        }
        return Optional.empty();
    }
}
