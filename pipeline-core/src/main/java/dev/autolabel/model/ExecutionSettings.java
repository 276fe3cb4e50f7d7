package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

/**
 * How sessions are run: the provider preference, the GPU index (on Spark, the address the task was given),
 * CPU threads per session (0 lets ONNX Runtime decide), the CUDA/TensorRT provider options, and how many Spark
 * tasks share one GPU (a scheduling setting, checked against {@code spark.task.resource.gpu.amount}).
 */
public record ExecutionSettings(DevicePreference device, int deviceId, int intraOpThreads, GpuOptions gpu,
        int tasksPerGpu) {

    public ExecutionSettings {
        requireNonNull(device, "device");
        requireNonNull(gpu, "gpu");
        if (deviceId < 0) {
            throw new IllegalArgumentException("execution.device-id must be >= 0, got " + deviceId);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("execution.intra-op-threads must be >= 0, got " + intraOpThreads);
        }
        if (tasksPerGpu < 1) {
            throw new IllegalArgumentException("execution.tasks-per-gpu must be >= 1, got " + tasksPerGpu);
        }
    }

    /** Default GPU options, one task per GPU. */
    public ExecutionSettings(DevicePreference device, int deviceId, int intraOpThreads) {
        this(device, deviceId, intraOpThreads, GpuOptions.defaults(), 1);
    }

    public static ExecutionSettings cpu() {
        return new ExecutionSettings(DevicePreference.CPU, 0, 0);
    }

    public ExecutionSettings withDeviceId(int id) {
        return new ExecutionSettings(device, id, intraOpThreads, gpu, tasksPerGpu);
    }
}
