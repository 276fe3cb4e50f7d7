package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Picks a session's execution providers, best first, stepping down one at a time with one log line per step:
 * TensorRT (when {@code execution.gpu.tensorrt}), then CUDA, then CPU. Separate from ONNX Runtime's session
 * options so the fallback path can be exercised on a machine without a GPU.
 */
final class ProviderChoice {

    /** Adds a provider to the options of the session being built; ONNX Runtime's own in production. */
    interface Installer {
        void tensorRt(int deviceId, Map<String, String> options) throws OrtException;

        void cuda(int deviceId, Map<String, String> options) throws OrtException;
    }

    private ProviderChoice() {
    }

    /**
     * Installs the providers {@code exec} asks for that are {@code available} and start, and returns where the
     * session runs: "TensorRT:0+CUDA:0", "CUDA:0", "TensorRT:0" or "CPU". Each step down is reported to {@code warn};
     * a provider missing from the build is reported without the model's name (it is the same for every model).
     */
    static String choose(ExecutionSettings exec, Set<OrtProvider> available, Installer installer, String model,
            Consumer<String> warn) {
        requireNonNull(installer, "installer");
        if (exec.device() == DevicePreference.CPU) {
            return "CPU";
        }
        int id = exec.deviceId();
        boolean tensorRt = exec.gpu().tensorRt() && tensorRt(exec, available, installer, model, warn);
        if (!available.contains(OrtProvider.CUDA)) {
            warn.accept("CUDA execution provider is not available (CPU build of ONNX Runtime, or no GPU): models run on "
                    + (tensorRt ? "TensorRT and CPU" : "CPU") + ". Build with -Pgpu and run on a GPU node to use CUDA.");
            return tensorRt ? "TensorRT:" + id : "CPU";
        }
        try {
            installer.cuda(id, exec.gpu().cudaOptions(id));
            return (tensorRt ? "TensorRT:" + id + "+" : "") + "CUDA:" + id;
        } catch (OrtException | RuntimeException e) {
            warn.accept("CUDA execution provider failed to initialise on device " + id + " (" + e.getMessage()
                    + "); running " + model + " on " + (tensorRt ? "TensorRT and CPU." : "CPU."));
            return tensorRt ? "TensorRT:" + id : "CPU";
        }
    }

    private static boolean tensorRt(ExecutionSettings exec, Set<OrtProvider> available, Installer installer, String model,
            Consumer<String> warn) {
        int id = exec.deviceId();
        if (!available.contains(OrtProvider.TENSOR_RT)) {
            warn.accept("TensorRT execution provider is not available (this ONNX Runtime build has none): "
                    + "execution.gpu.tensorrt is ignored, trying CUDA.");
            return false;
        }
        try {
            installer.tensorRt(id, exec.gpu().tensorRtOptions(id));
            return true;
        } catch (OrtException | RuntimeException e) {
            warn.accept("TensorRT execution provider failed to initialise on device " + id + " (" + e.getMessage()
                    + "); trying CUDA for " + model + ".");
            return false;
        }
    }
}
