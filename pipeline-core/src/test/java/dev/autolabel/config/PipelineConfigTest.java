package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.model.GpuOptions;
import dev.autolabel.testing.FixtureModels;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pipeline and GPU keys of {@code execution}: defaults, parsing and messages that name the key. */
class PipelineConfigTest {

    private static AutolabelConfig config(String execution) {
        String text = "autolabel { precision.model = \"" + FixtureModels.yolo() + "\"\n open-vocab.enabled = false\n execution { "
                + execution + " } }";
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text), Map.of());
    }

    @Test
    void defaultsFromReferenceConf() {
        AutolabelConfig config = config("");
        assertEquals(PipelineSettings.defaults(), config.pipeline());
        assertEquals(GpuOptions.defaults(), config.execution().gpu());
        assertEquals(1, config.execution().tasksPerGpu());
        assertEquals(16, config.pipeline().queueCapacityFor(8), "0 means two batches");
        assertEquals(6, config.pipeline().decodeThreadsFor(6), "0 means the task's cores");
    }

    @Test
    void everyKeyIsRead() {
        AutolabelConfig config = config("""
                fetch-concurrency = 64, decode-threads = 6, queue-capacity = 24, tasks-per-gpu = 2
                gpu { cudnn-conv-algo-search = exhaustive, memory-limit = 8G, arena-extend-strategy = next-power-of-two,
                      tensorrt = true, tensorrt-fp16 = true, tensorrt-engine-cache = "/cache/trt" }
                """);
        assertEquals(new PipelineSettings(64, 6, 24), config.pipeline());
        assertEquals(6, config.pipeline().decodeThreadsFor(2), "an explicit count wins over the cores");
        assertEquals(2, config.execution().tasksPerGpu());
        assertEquals(new GpuOptions(GpuOptions.CudnnAlgoSearch.EXHAUSTIVE, 8L << 30,
                GpuOptions.ArenaExtendStrategy.NEXT_POWER_OF_TWO, true, true, Optional.of("/cache/trt")),
                config.execution().gpu());
    }

    @Test
    void badValuesNameTheirKey() {
        assertMessage("fetch-concurrency = 0", "execution.fetch-concurrency");
        assertMessage("decode-threads = -1", "execution.decode-threads");
        assertMessage("tasks-per-gpu = 0", "execution.tasks-per-gpu");
        assertMessage("gpu.cudnn-conv-algo-search = fastest", "execution.gpu.cudnn-conv-algo-search");
        assertMessage("gpu.arena-extend-strategy = double", "execution.gpu.arena-extend-strategy");
    }

    private static void assertMessage(String execution, String key) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> config(execution));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
