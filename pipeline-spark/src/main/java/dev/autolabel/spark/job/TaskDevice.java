package dev.autolabel.spark.job;

import dev.autolabel.model.ExecutionSettings;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * What Spark gave the running task: the GPU it should use (the first address Spark's resource scheduling assigned
 * to it, {@code spark.task.resource.gpu.amount}; else the configured {@code execution.device-id}) and its cores.
 */
final class TaskDevice {

    private TaskDevice() {
    }

    static ExecutionSettings forCurrentTask(ExecutionSettings configured) {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return configured;
        }
        Map<String, ResourceInformation> resources = task.resourcesJMap();
        ResourceInformation gpu = resources.get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return configured;
        }
        return configured.withDeviceId(Integer.parseInt(gpu.addresses()[0].trim()));
    }

    /** The task's cores ({@code spark.task.cpus}); outside a task, the machine's. */
    static int cores() {
        TaskContext task = TaskContext.get();
        return task == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, task.cpus());
    }
}
