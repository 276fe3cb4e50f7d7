package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

/**
 * How sessions are run: the provider preference, the GPU index (on Spark, the address the task was given),
 * and CPU threads per session (0 lets ONNX Runtime decide).
 */
public record ExecutionSettings(DevicePreference device, int deviceId, int intraOpThreads) {

    public ExecutionSettings {
        requireNonNull(device, "device");
        if (deviceId < 0) {
            throw new IllegalArgumentException("execution.device-id must be >= 0, got " + deviceId);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("execution.intra-op-threads must be >= 0, got " + intraOpThreads);
        }
    }

    public static ExecutionSettings cpu() {
        return new ExecutionSettings(DevicePreference.CPU, 0, 0);
    }

    public ExecutionSettings withDeviceId(int id) {
        return new ExecutionSettings(device, id, intraOpThreads);
    }
}
