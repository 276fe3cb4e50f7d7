package dev.autolabel.spark.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.SyntheticRun;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large exports are split: COCO and Label Studio into numbered files of whole shards, YOLO labels into numbered
 * subfolders. Each piece is readable on its own and the pieces together are exactly the unsplit export. COCO ids are
 * {@code long}.
 */
class PartitionedExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHARDS = 9;
    private static final int ROWS = 50;

    @TempDir
    Path tmp;

    private final SyntheticRun synthetic = new SyntheticRun("big", SHARDS, ROWS, 30, 3);
    private LocalBlobStore store;
    private RunSource source;

    @BeforeEach
    void writeRun() throws Exception {
        RunLayout run = synthetic.write(tmp.resolve("output"));
        store = new LocalBlobStore(1 << 20);
        source = new RunSource(store, run);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private ExportResult export(ExportFormat format, FileLimits limits, int threads, Path out) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Exporter(source, quiet, Duration.ZERO, threads).export(new ExportRequest(format, out, ExportView.all(),
                OptionalInt.empty(), OptionalInt.empty(), "m", limits));
    }

    /** Boxes each shard exports (OK rows, clipped boxes of positive area), in run order. */
    private List<Long> boxesPerShard() {
        List<Long> boxes = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            boxes.add(synthetic.shard(s).stream().map(r -> ExportView.all().apply(r))
                    .flatMap(Optional::stream).mapToLong(i -> i.detections().size()).sum());
        }
        return boxes;
    }

    /** Boxes per file when files take whole shards until the next would pass {@code max}. */
    private List<Long> expectedFileBoxes(long max) {
        List<Long> files = new ArrayList<>();
        long current = -1;
        for (long shard : boxesPerShard()) {
            if (current < 0 || current > 0 && current + shard > max) {
                if (current >= 0) {
                    files.add(current);
                }
                current = 0;
            }
            current += shard;
        }
        files.add(current);
        return files;
    }

    @Test
    void aLargeCocoExportIsSplitIntoCompleteFilesWhoseUnionIsTheWholeExport() throws Exception {
        long max = 400;
        List<Long> expected = expectedFileBoxes(max);
        assertTrue(expected.size() >= 3, "the run is big enough to split: " + expected);

        ExportResult whole = export(ExportFormat.COCO, FileLimits.DEFAULT, 2, tmp.resolve("whole"));
        ExportResult split = export(ExportFormat.COCO, new FileLimits(max, 10_000), 3, tmp.resolve("split"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            files.add(tmp.resolve("split").resolve(String.format("coco-%05d.json", i)));
        }
        assertEquals(files, split.files(), "numbered files, and no coco.json");
        assertEquals(whole.images(), split.images());
        assertEquals(whole.boxes(), split.boxes());

        JsonNode all = JSON.readTree(tmp.resolve("whole/coco.json").toFile());
        List<JsonNode> images = new ArrayList<>();
        List<JsonNode> annotations = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode part = JSON.readTree(files.get(i).toFile());
            assertEquals(all.get("categories"), part.get("categories"), "every file has every category");
            assertEquals(expected.get(i).longValue(), part.get("annotations").size(), "file " + i);
            assertTrue(part.get("annotations").size() <= max, "within the limit: every shard here is smaller");
            Set<Long> ids = new HashSet<>();
            part.get("images").forEach(img -> ids.add(img.get("id").longValue()));
            part.get("annotations").forEach(a -> assertTrue(ids.contains(a.get("image_id").longValue()),
                    "an annotation's image is in the same file"));
            part.get("images").forEach(images::add);
            part.get("annotations").forEach(annotations::add);
        }
        assertEquals(list(all.get("images")), images, "the files' images, in order, are the whole export's");
        assertEquals(list(all.get("annotations")), annotations);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void splitExportsAreTheSameForAnyNumberOfThreads() throws Exception {
        export(ExportFormat.COCO, new FileLimits(300, 10_000), 1, tmp.resolve("one"));
        export(ExportFormat.COCO, new FileLimits(300, 10_000), 6, tmp.resolve("six"));
        assertEquals(digests(tmp.resolve("one")), digests(tmp.resolve("six")));
    }

    private static List<String> digests(Path dir) throws Exception {
        return ExportGoldenTest.digests(dir, dir);
    }

    @Test
    void labelStudioTasksAreSplitLikewise() throws Exception {
        long max = 500;
        List<Long> expected = expectedFileBoxes(max);
        export(ExportFormat.LABEL_STUDIO, FileLimits.DEFAULT, 2, tmp.resolve("whole"));
        ExportResult split = export(ExportFormat.LABEL_STUDIO, new FileLimits(max, 10_000), 4, tmp.resolve("split"));
        assertEquals(expected.size() + 1, split.files().size(), "the task files and the labeling config");
        List<JsonNode> tasks = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode part = JSON.readTree(tmp.resolve("split").resolve(String.format("tasks-%05d.json", i)).toFile());
            long boxes = 0;
            for (JsonNode task : part) {
                boxes += task.get("predictions").get(0).get("result").size();
                tasks.add(task);
            }
            assertEquals(expected.get(i).longValue(), boxes, "file " + i);
        }
        assertEquals(list(JSON.readTree(tmp.resolve("whole/tasks.json").toFile())), tasks);
        assertEquals(Files.readString(tmp.resolve("whole/labeling-config.xml")),
                Files.readString(tmp.resolve("split/labeling-config.xml")));
    }

    @Test
    void yoloLabelsGoIntoNumberedSubfoldersOfBoundedSizeWhenThereAreMany() throws Exception {
        ExportResult flat = export(ExportFormat.YOLO, FileLimits.DEFAULT, 2, tmp.resolve("flat"));
        ExportResult nested = export(ExportFormat.YOLO, new FileLimits(1_000_000, 100), 3, tmp.resolve("nested"));
        long images = flat.images();
        assertTrue(images > 400, "enough images for five folders: " + images);
        assertEquals(images, nested.images());

        Path labels = tmp.resolve("nested/labels");
        try (Stream<Path> top = Files.list(labels)) {
            List<String> folders = top.map(p -> p.getFileName().toString()).sorted().toList();
            List<String> expectedFolders = new ArrayList<>();
            for (long f = 0; f * 100 < images; f++) {
                expectedFolders.add(String.format("%05d", f));
            }
            assertEquals(expectedFolders, folders, "only numbered subfolders in labels/");
        }
        for (long f = 0; f * 100 < images; f++) {
            try (Stream<Path> files = Files.list(labels.resolve(String.format("%05d", f)))) {
                assertEquals(Math.min(100, images - f * 100), files.count(), "folder " + f + " is full but for the last");
            }
        }
        List<String> flatIndex = Files.readAllLines(tmp.resolve("flat/images.csv"));
        List<String> nestedIndex = Files.readAllLines(tmp.resolve("nested/images.csv"));
        assertEquals(flatIndex.size(), nestedIndex.size());
        for (int i = 1; i < flatIndex.size(); i++) {
            String[] a = flatIndex.get(i).split(",", 2);
            String[] b = nestedIndex.get(i).split(",", 2);
            assertEquals(a[1], b[1], "same image in the same place of the index");
            assertEquals(String.format("labels/%05d/", (i - 1) / 100), b[0].substring(0, "labels/00000/".length()));
            assertEquals(Files.readString(tmp.resolve("flat").resolve(a[0])), Files.readString(tmp.resolve("nested").resolve(b[0])),
                    "same labels for " + a[1]);
        }
        assertTrue(Files.readString(tmp.resolve("nested/data.yaml")).contains("images/00000/<name>.jpg"));
    }

    @Test
    void cocoIdsAreLongsAndNumberPastTwoToThe31() throws Exception {
        long billions = 3_000_000_000L;
        ExportIds ids = ExportIds.of(new long[] {billions, 2, 0, 1}, new long[] {2 * billions, 3, 0, 0});
        assertEquals(1, ids.firstImage(0));
        assertEquals(billions + 1, ids.firstImage(1));
        assertEquals(billions + 3, ids.firstImage(2));
        assertEquals(billions + 3, ids.firstImage(3), "an empty shard takes no ids");
        assertEquals(2 * billions + 1, ids.firstAnnotation(1));
        assertEquals(billions + 3, ids.images());
        assertThrows(ArithmeticException.class, () -> ExportIds.of(new long[] {Long.MAX_VALUE, 1}, new long[] {0, 0}));

        Path out = Files.createDirectories(tmp.resolve("ids"));
        Path temp = Files.createDirectories(tmp.resolve("temp"));
        CocoWriter writer = new CocoWriter(out, List.of("label-0", "label-1", "label-2", "label-3", "label-4"), "big",
                ids, FileLimits.DEFAULT, temp);
        List<LabeledImage> rows = synthetic.shard(0).stream().map(r -> ExportView.all().apply(r))
                .flatMap(Optional::stream).filter(r -> r.detections().stream()
                        .allMatch(d -> Set.of("label-0", "label-1", "label-2", "label-3", "label-4").contains(d.label())))
                .filter(r -> !r.detections().isEmpty()).limit(2).toList();
        assertEquals(2, rows.size(), "two images with labels of the first five classes");
        try (ImageSink.ChunkWriter<CocoWriter.Chunk> shard = writer.chunkWriter(1)) {
            for (LabeledImage row : rows) {
                shard.write(row);
            }
            writer.append(shard.finish());
        }
        writer.finish();
        JsonNode coco = JSON.readTree(out.resolve("coco.json").toFile());
        assertEquals(List.of(billions + 1, billions + 2), List.of(coco.get("images").get(0).get("id").longValue(),
                coco.get("images").get(1).get("id").longValue()), "shard 1's images follow shard 0's three billion");
        long annotation = 2 * billions;
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < rows.get(i).detections().size(); k++) {
                JsonNode a = coco.get("annotations").get((int) (annotation - 2 * billions));
                assertEquals(++annotation, a.get("id").longValue());
                assertEquals(billions + 1 + i, a.get("image_id").longValue());
                assertTrue(a.get("id").isLong() && a.get("image_id").isLong(), "written as integers past 2^31: " + a);
            }
        }
        assertEquals(annotation - 2 * billions, coco.get("annotations").size());
    }
}
