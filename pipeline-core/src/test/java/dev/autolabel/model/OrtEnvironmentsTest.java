package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrtEnvironmentsTest {

    /**
     * ONNX Runtime's environment creation recurses over the process command line; created on the caller's default
     * 1 MB stack, a JVM with a 20 KB command line (a Spark executor's classpath) dies of SIGSEGV.
     */
    @Test
    void firstSessionInAJvmWithALongCommandLineAndSmallStacks() throws Exception {
        String padding = "-Dautolabel.test.padding=" + "x".repeat(20_000);

        String output = ChildJvm.run(DetectorProbe.class, List.of("-Xss1m", padding), List.of("1"));

        assertTrue(output.contains("RSS 1 "), output);
    }
}
