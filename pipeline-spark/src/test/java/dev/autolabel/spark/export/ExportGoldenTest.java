package dev.autolabel.spark.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.label.Source;
import dev.autolabel.spark.SyntheticRun;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of a synthetic run of several shards must be byte for byte what the single-threaded exporter wrote before
 * exports ran in parallel (ids, order, names, numbers), except COCO's {@code date_created}. The digests in
 * {@code export-golden/digests.txt} were written by that exporter (commit 42643c6) with
 * {@code -Dautolabel.golden.write=true}.
 */
class ExportGoldenTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "export-golden", "digests.txt");

    @TempDir
    Path tmp;

    /** The exports compared: name -> request (output folder filled in per call). */
    private static Map<String, ExportRequest> exports(Path out) {
        Map<String, ExportRequest> all = new LinkedHashMap<>();
        OptionalInt none = OptionalInt.empty();
        all.put("coco", new ExportRequest(ExportFormat.COCO, out.resolve("coco"), ExportView.all(), none, none, "m"));
        all.put("coco-confident-precise", new ExportRequest(ExportFormat.COCO, out.resolve("coco-confident-precise"),
                new ExportView(0.5f, Set.of(Source.PRECISE)), none, none, "m"));
        all.put("coco-balanced", new ExportRequest(ExportFormat.COCO, out.resolve("coco-balanced"), ExportView.all(),
                OptionalInt.of(5), none, "m"));
        all.put("yolo", new ExportRequest(ExportFormat.YOLO, out.resolve("yolo"), ExportView.all(), none, none, "m"));
        all.put("yolo-balanced", new ExportRequest(ExportFormat.YOLO, out.resolve("yolo-balanced"), ExportView.all(),
                OptionalInt.of(3), none, "m"));
        all.put("labelstudio", new ExportRequest(ExportFormat.LABEL_STUDIO, out.resolve("labelstudio"), ExportView.all(),
                none, none, "m"));
        all.put("review", new ExportRequest(ExportFormat.LABEL_STUDIO, out.resolve("review"), ExportView.all(), none,
                OptionalInt.of(25), "m"));
        return all;
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 3, 8})
    void parallelExportsWriteWhatTheSingleThreadedExporterWrote(int threads) throws Exception {
        RunLayout run = new SyntheticRun("golden", 7, 60, 25, 7).write(tmp.resolve("output"));
        Path exports = tmp.resolve("exports");
        List<String> digests = new ArrayList<>();
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            for (ExportRequest request : exports(exports).values()) {
                new Exporter(new RunSource(store, run), quiet(), Duration.ZERO, threads).export(request);
                digests.addAll(digests(exports, request.out()));
            }
        }
        if (Boolean.getBoolean("autolabel.golden.write")) {
            Files.write(GOLDEN, digests, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8), digests);
        try (Stream<Path> left = Files.walk(exports)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".export-")).toList(),
                    "no chunk files left behind");
        }
    }

    /** "relative/path sha256" per file under {@code dir}, sorted by path; COCO's creation date blanked. */
    static List<String> digests(Path root, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8)
                        .replaceAll("\"date_created\":\"[^\"]*\"", "\"date_created\":\"-\"");
                lines.add(root.relativize(file).toString().replace('\\', '/') + " " + sha256(content));
            }
        }
        return lines;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
