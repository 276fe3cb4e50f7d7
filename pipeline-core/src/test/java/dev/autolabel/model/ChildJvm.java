package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test-classpath main class in a fresh JVM, for what one JVM cannot show about itself. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** Runs {@code main} to completion, asserts it exited 0, and returns its stdout and stderr. */
    static String run(Class<?> main, List<String> jvmOptions, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), main.getSimpleName() + " did not finish");
        assertEquals(0, child.exitValue(), () -> main.getSimpleName() + " failed (139 = SIGSEGV):\n" + output);
        return output;
    }
}
