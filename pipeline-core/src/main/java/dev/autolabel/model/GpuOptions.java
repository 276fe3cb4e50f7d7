package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ONNX Runtime's CUDA and TensorRT provider settings ({@code execution.gpu}). Turned into the providers' option
 * maps here, so what a GPU session gets can be checked without a GPU.
 *
 * @param memoryLimitBytes the CUDA arena's limit per session, 0 for none
 * @param tensorRtEngineCache folder where TensorRT keeps built engines between runs (building one takes minutes)
 */
public record GpuOptions(CudnnAlgoSearch cudnnConvAlgoSearch, long memoryLimitBytes, ArenaExtendStrategy arenaExtend,
        boolean tensorRt, boolean tensorRtFp16, Optional<String> tensorRtEngineCache) {

    /** cuDNN's convolution algorithm choice: EXHAUSTIVE benchmarks all on first use, HEURISTIC asks cuDNN. */
    public enum CudnnAlgoSearch {
        EXHAUSTIVE, HEURISTIC, DEFAULT;

        public static CudnnAlgoSearch fromConfigName(String name) {
            return switch (name) {
                case "exhaustive" -> EXHAUSTIVE;
                case "heuristic" -> HEURISTIC;
                case "default" -> DEFAULT;
                default -> throw new IllegalArgumentException("must be exhaustive, heuristic or default, got '" + name + "'");
            };
        }
    }

    /** How the CUDA memory arena grows. */
    public enum ArenaExtendStrategy {
        NEXT_POWER_OF_TWO("kNextPowerOfTwo"), SAME_AS_REQUESTED("kSameAsRequested");

        private final String ortName;

        ArenaExtendStrategy(String ortName) {
            this.ortName = ortName;
        }

        public static ArenaExtendStrategy fromConfigName(String name) {
            return switch (name) {
                case "next-power-of-two" -> NEXT_POWER_OF_TWO;
                case "same-as-requested" -> SAME_AS_REQUESTED;
                default -> throw new IllegalArgumentException("must be next-power-of-two or same-as-requested, got '" + name + "'");
            };
        }
    }

    public GpuOptions {
        requireNonNull(cudnnConvAlgoSearch, "cudnnConvAlgoSearch");
        requireNonNull(arenaExtend, "arenaExtend");
        requireNonNull(tensorRtEngineCache, "tensorRtEngineCache");
        if (memoryLimitBytes < 0) {
            throw new IllegalArgumentException("execution.gpu.memory-limit must be >= 0, got " + memoryLimitBytes);
        }
    }

    /** reference.conf's values: heuristic algorithm search, no memory limit, exact arena growth, CUDA only. */
    public static GpuOptions defaults() {
        return new GpuOptions(CudnnAlgoSearch.HEURISTIC, 0, ArenaExtendStrategy.SAME_AS_REQUESTED, false, false,
                Optional.empty());
    }

    /** Options of the CUDA execution provider on GPU {@code deviceId}. */
    public Map<String, String> cudaOptions(int deviceId) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("device_id", Integer.toString(deviceId));
        options.put("cudnn_conv_algo_search", cudnnConvAlgoSearch.name());
        options.put("arena_extend_strategy", arenaExtend.ortName);
        if (memoryLimitBytes > 0) {
            options.put("gpu_mem_limit", Long.toString(memoryLimitBytes));
        }
        // Inputs are copied on the compute stream: no cross-stream synchronisation per run.
        options.put("do_copy_in_default_stream", "1");
        return options;
    }

    /** Options of the TensorRT execution provider on GPU {@code deviceId}. */
    public Map<String, String> tensorRtOptions(int deviceId) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("device_id", Integer.toString(deviceId));
        options.put("trt_fp16_enable", tensorRtFp16 ? "1" : "0");
        tensorRtEngineCache.ifPresent(dir -> {
            options.put("trt_engine_cache_enable", "1");
            options.put("trt_engine_cache_path", dir);
            options.put("trt_timing_cache_enable", "1");
            options.put("trt_timing_cache_path", dir);
        });
        return options;
    }
}
