package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import dev.autolabel.model.GpuOptions.ArenaExtendStrategy;
import dev.autolabel.model.GpuOptions.CudnnAlgoSearch;
import dev.autolabel.testing.FixtureModels;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Provider choice and its fallbacks, TensorRT to CUDA to CPU with one log line per step. The providers a GPU
 * build would offer are stood in for by an installer that records what it was given (or fails like a provider
 * that cannot start); the CPU build's real provider list and a real session cover the no-GPU path.
 */
class ProviderChoiceTest {

    private static final GpuOptions TUNED = new GpuOptions(CudnnAlgoSearch.EXHAUSTIVE, 6L << 30,
            ArenaExtendStrategy.NEXT_POWER_OF_TWO, true, true, Optional.of("/var/cache/trt"));

    /** Records installs; fails the providers named in {@code failing}. */
    private static final class Recorder implements ProviderChoice.Installer {
        final Map<String, Map<String, String>> installed = new LinkedHashMap<>();
        final Set<String> failing;

        Recorder(String... failing) {
            this.failing = Set.of(failing);
        }

        @Override
        public void tensorRt(int deviceId, Map<String, String> options) throws OrtException {
            install("tensorrt", options);
        }

        @Override
        public void cuda(int deviceId, Map<String, String> options) throws OrtException {
            install("cuda", options);
        }

        private void install(String name, Map<String, String> options) throws OrtException {
            if (failing.contains(name)) {
                throw new OrtException(name + " library not found");
            }
            installed.put(name, options);
        }
    }

    private static ExecutionSettings gpu(GpuOptions options, int device) {
        return new ExecutionSettings(DevicePreference.AUTO, device, 0, options, 1);
    }

    @Test
    void tensorRtThenCudaWithTheConfiguredOptions() {
        Recorder recorder = new Recorder();
        List<String> warnings = new ArrayList<>();
        String provider = ProviderChoice.choose(gpu(TUNED, 1), EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA,
                OrtProvider.TENSOR_RT), recorder, "m.onnx", warnings::add);

        assertEquals("TensorRT:1+CUDA:1", provider);
        assertEquals(List.of(), warnings);
        assertEquals(List.of("tensorrt", "cuda"), List.copyOf(recorder.installed.keySet()), "TensorRT first, CUDA under it");
        assertEquals(Map.of("device_id", "1", "trt_fp16_enable", "1", "trt_engine_cache_enable", "1",
                "trt_engine_cache_path", "/var/cache/trt", "trt_timing_cache_enable", "1",
                "trt_timing_cache_path", "/var/cache/trt"), recorder.installed.get("tensorrt"));
        assertEquals(Map.of("device_id", "1", "cudnn_conv_algo_search", "EXHAUSTIVE",
                "arena_extend_strategy", "kNextPowerOfTwo", "gpu_mem_limit", Long.toString(6L << 30),
                "do_copy_in_default_stream", "1"), recorder.installed.get("cuda"));
    }

    @Test
    void defaultsGiveCudaAloneWithHeuristicSearchAndNoMemoryLimit() {
        Recorder recorder = new Recorder();
        String provider = ProviderChoice.choose(gpu(GpuOptions.defaults(), 0), EnumSet.of(OrtProvider.CPU,
                OrtProvider.CUDA, OrtProvider.TENSOR_RT), recorder, "m.onnx", w -> {
                    throw new AssertionError("no fallback expected: " + w);
                });

        assertEquals("CUDA:0", provider);
        assertEquals(Map.of("cuda", Map.of("device_id", "0", "cudnn_conv_algo_search", "HEURISTIC",
                "arena_extend_strategy", "kSameAsRequested", "do_copy_in_default_stream", "1")), recorder.installed);
    }

    @Test
    void aTensorRtThatFailsToStartFallsBackToCudaWithOneLine() {
        Recorder recorder = new Recorder("tensorrt");
        List<String> warnings = new ArrayList<>();
        String provider = ProviderChoice.choose(gpu(TUNED, 0), EnumSet.allOf(OrtProvider.class), recorder, "m.onnx",
                warnings::add);

        assertEquals("CUDA:0", provider);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("TensorRT execution provider failed to initialise on device 0"), warnings.get(0));
    }

    @Test
    void aCudaThatFailsToStartFallsBackToCpu() {
        Recorder recorder = new Recorder("cuda");
        List<String> warnings = new ArrayList<>();
        String provider = ProviderChoice.choose(gpu(GpuOptions.defaults(), 3), EnumSet.allOf(OrtProvider.class), recorder,
                "m.onnx", warnings::add);

        assertEquals("CPU", provider);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("failed to initialise on device 3") && warnings.get(0).contains("on CPU"),
                warnings.get(0));
    }

    @Test
    void aBuildWithoutGpuProvidersStepsDownToCpuOneLineEach() {
        Recorder recorder = new Recorder();
        List<String> warnings = new ArrayList<>();
        String provider = ProviderChoice.choose(gpu(TUNED, 0), EnumSet.of(OrtProvider.CPU), recorder, "m.onnx",
                warnings::add);

        assertEquals("CPU", provider);
        assertEquals(Map.of(), recorder.installed, "nothing installed");
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("TensorRT execution provider is not available"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("CUDA execution provider is not available"), warnings.get(1));
    }

    @Test
    void cpuPreferenceInstallsNothing() {
        Recorder recorder = new Recorder();
        assertEquals("CPU", ProviderChoice.choose(new ExecutionSettings(DevicePreference.CPU, 0, 0, TUNED, 1),
                EnumSet.allOf(OrtProvider.class), recorder, "m.onnx", w -> {
                    throw new AssertionError(w);
                }));
        assertEquals(Map.of(), recorder.installed);
    }

    @Test
    void aTensorRtSessionOnThisCpuBuildOpensOnCpu() {
        // The real path: ONNX Runtime's own provider list (CPU only here) and a real session.
        ExecutionSettings exec = new ExecutionSettings(DevicePreference.CUDA, 0, 1, TUNED, 1);
        ModelSession session = SessionCache.get(FixtureModels.end2end(), Optional.empty(), exec);
        if (ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertTrue(session.provider().contains("CUDA:0"), session.provider());
        } else {
            assertEquals("CPU", session.provider());
        }
    }
}
