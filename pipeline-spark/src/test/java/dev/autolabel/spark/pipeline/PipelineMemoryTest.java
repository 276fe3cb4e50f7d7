package dev.autolabel.spark.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.spark.output.ShardReader;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's memory does not grow with its partition. The pipeline alone: the live heap (after a full GC, sampled
 * every 500 rows while the pipeline is full) stays flat from row 1,000 to row 10,000, within a fixed margin;
 * retaining every output row (about 0.7 KB each) would add over 6 MB, over the margin. (The first rows are not
 * compared: one-time allocations such as class metadata caches and lazily grown pools settle during them.) With
 * the shard writer: 10,000 rows run in a 128 MB heap; retaining the decoded pixels of every image (57 KB each here)
 * would need 570 MB. (The Parquet writer itself buffers pages and up to one row group, so its share moves by
 * megabytes; it is bounded by its page and row-group sizes, not by the rows.)
 */
class PipelineMemoryTest {

    private static final int IMAGES = 20;
    private static final String HEAP = "-Xmx128m";
    private static final long MARGIN_BYTES = 3L << 20;

    @TempDir
    Path dir;

    @Test
    void liveHeapStaysFlatOverTenThousandRows() throws Exception {
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
        for (int i = 0; i < IMAGES; i++) {
            Files.write(dir.resolve("img-" + i + ".png"), TestImages.canvas(160, 120, new Color(114, 114, 114))
                    .fill(10 + i, 10, 60 + i, 70, colours[i % 4]).fill(90, 20 + i, 150, 100, colours[(i + 1) % 4]).png());
        }
        Map<String, Long> large = probe(10_000, false);
        assertEquals(10_000L, large.get("WRITTEN"));
        long settled = large.get("LIVE_1000");
        long highest = large.entrySet().stream().filter(e -> e.getKey().startsWith("LIVE_"))
                .filter(e -> Long.parseLong(e.getKey().substring(5)) >= 1000).mapToLong(Map.Entry::getValue).max().orElseThrow();
        long growth = highest - settled;
        System.out.printf("live heap: row 1,000 %.1f MB, highest from there to row 10,000 %.1f MB (growth %.1f MB); "
                + "resize buffers %d%n", settled / 1048576.0, highest / 1048576.0, growth / 1048576.0,
                large.get("RESIZE_BUFFERS"));
        assertTrue(growth < MARGIN_BYTES, "live heap grew by " + growth / 1048576 + " MB from row 1,000 to row 10,000");
        assertTrue(large.get("RESIZE_BUFFERS") <= 2 + 16 + 8, "resize buffers are reused: " + large.get("RESIZE_BUFFERS"));

        Map<String, Long> written = probe(10_000, true);
        assertEquals(10_000L, written.get("WRITTEN"));
        assertEquals(10_000L, rowsIn(dir.resolve("shard-10000.parquet")), "every row is in the shard");
    }

    private static long rowsIn(Path shard) throws IOException {
        long n = 0;
        try (ShardReader reader = ShardReader.open(shard)) {
            for (; reader.hasNext(); reader.next()) {
                n++;
            }
        }
        return n;
    }

    private Map<String, Long> probe(int rows, boolean toShard) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                PipelineMemoryProbe.class.getName(), dir.toString(), Integer.toString(IMAGES), Integer.toString(rows),
                toShard ? dir.resolve("shard-" + rows + ".parquet").toString() : "-"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, child.exitValue(), () -> "probe failed with " + HEAP + ":\n" + output);
        System.out.println("probe " + rows + (toShard ? " into a shard" : "") + ": " + output.lines().filter(l -> l.startsWith("LIVE"))
                .map(l -> l.split(" ")[1] + ":" + Long.parseLong(l.split(" ")[2]) / 1048576 + "MB").toList());
        Map<String, Long> values = new HashMap<>();
        output.lines().map(l -> l.split(" ")).filter(p -> p.length == 2 && p[1].matches("\\d+"))
                .forEach(p -> values.put(p[0], Long.parseLong(p[1])));
        output.lines().map(l -> l.split(" ")).filter(p -> p.length == 3 && p[0].equals("LIVE"))
                .forEach(p -> values.put("LIVE_" + p[1], Long.parseLong(p[2])));
        assertTrue(values.containsKey("PEAK"), () -> "probe output:\n" + output);
        return values;
    }
}
