package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.autolabel.testing.FixtureModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionCacheTest {

    private static final ExecutionSettings EXEC = ClosedSetDetectorTest.EXEC;

    @Test
    void sameFileGivesTheSameSessionHoweverThePathIsSpelled() {
        Path model = FixtureModels.end2end();
        ModelSession first = SessionCache.get(model, Optional.empty(), EXEC);
        Path roundabout = model.getParent().resolve("..").resolve(model.getParent().getFileName()).resolve(model.getFileName());

        assertSame(first, SessionCache.get(roundabout, Optional.empty(), EXEC));
        assertSame(first, SessionCache.get(model, Optional.of(first.sha256()), EXEC));
        assertNotSame(first, SessionCache.get(model, Optional.empty(), new ExecutionSettings(DevicePreference.CPU, 0, 1)),
                "a different device preference is a different session");
    }

    @Test
    void sessionDescribesTheModel() throws Exception {
        ModelSession session = SessionCache.get(FixtureModels.openVocab(), Optional.empty(), EXEC);

        assertEquals(Sha256.ofFile(FixtureModels.openVocab()), session.sha256());
        assertEquals(List.of("pixel_values", "text_embeds"), session.inputNames());
        assertArrayEquals(new long[] {-1, 3, 64, 64}, session.inputShapes().get("pixel_values"));
        assertArrayEquals(new long[] {-1, 8}, session.inputShapes().get("text_embeds"));
        assertEquals(List.of("pred_boxes", "logits"), List.copyOf(session.outputShapes().keySet()));
        assertEquals("{0: 'red', 1: 'green', 2: 'blue', 3: 'yellow'}",
                SessionCache.get(FixtureModels.yolo(), Optional.empty(), EXEC).metadata().get("names"));
    }

    @Test
    void autoFallsBackToCpuWithoutCuda() {
        ModelSession session = SessionCache.get(FixtureModels.yolo(), Optional.empty(), EXEC);
        if (OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertTrue(session.provider().startsWith("CUDA:"), session.provider());
        } else {
            assertEquals("CPU", session.provider(), "the CPU build of ONNX Runtime has no CUDA provider");
        }
        assertEquals("CPU", SessionCache.get(FixtureModels.yolo(), Optional.empty(),
                new ExecutionSettings(DevicePreference.CPU, 0, 1)).provider());
    }

    @Test
    void wrongPinnedShaIsRefusedWithBothHashes() throws Exception {
        Path model = FixtureModels.yolo();
        String wrong = "0".repeat(64);
        ModelException e = assertThrows(ModelException.class, () -> SessionCache.get(model, Optional.of(wrong), EXEC));

        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(Sha256.ofFile(model)), e.getMessage());
        String upperCase = Sha256.ofFile(model).toUpperCase(java.util.Locale.ROOT);
        assertEquals(Sha256.ofFile(model), SessionCache.get(model, Optional.of(upperCase), EXEC).sha256());
    }

    @Test
    void missingOrBrokenModelFileIsAModelException(@TempDir Path dir) throws Exception {
        ModelException missing = assertThrows(ModelException.class,
                () -> SessionCache.get(dir.resolve("absent.onnx"), Optional.empty(), EXEC));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());

        Path broken = Files.writeString(dir.resolve("broken.onnx"), "not a model");
        ModelException unloadable = assertThrows(ModelException.class, () -> SessionCache.get(broken, Optional.empty(), EXEC));
        assertTrue(unloadable.getMessage().contains(broken.toString()), unloadable.getMessage());
    }
}
