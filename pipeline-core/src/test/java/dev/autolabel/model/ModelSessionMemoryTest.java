package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over many batches: every ONNX Runtime tensor and result is closed. Runs
 * {@link DetectorProbe} in a child JVM whose heap is fixed and pre-touched (in this JVM, G1 growing Eden and
 * uncommitting it lazily moves RSS by 100+ MB on its own), then bounds RSS growth from batch 100 to 1,000.
 */
class ModelSessionMemoryTest {

    private static final long BOUND_BYTES = 64L << 20;

    @Test
    void residentMemoryIsFlatFromBatch100To1000() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc/self/status (Linux)");
        String output = ChildJvm.run(DetectorProbe.class,
                List.of("-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC"), List.of("100", "1000"));
        Map<Integer, Long> rss = new TreeMap<>();
        output.lines().filter(l -> l.startsWith("RSS ")).map(l -> l.split(" "))
                .forEach(p -> rss.put(Integer.parseInt(p[1]), Long.parseLong(p[2])));
        assertEquals(List.of(100, 1000), List.copyOf(rss.keySet()), () -> "probe output:\n" + output);

        long growth = rss.get(1000) - rss.get(100);
        System.out.printf("RSS after batch 100: %.1f MB, after batch 1000: %.1f MB, growth %.1f MB%n",
                rss.get(100) / 1048576.0, rss.get(1000) / 1048576.0, growth / 1048576.0);
        assertTrue(growth < BOUND_BYTES, "RSS grew by " + growth / 1048576 + " MB over 900 batches of 4");
    }
}
