package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * YOLO (Ultralytics) labels: one {@code <name>.txt} per image with one line {@code class cx cy w h} per box,
 * normalised to 0..1 by the image size (6 decimals); {@code classes.txt} and {@code data.yaml} list the classes
 * (ids 0..C-1 by label name). Images are not copied: {@code images.csv} maps each label file to its image URI,
 * size and id, and {@code <name>} is the image id made safe as a file name (unique within its folder: {@code -2},
 * {@code -3} on collisions). Images without boxes get an empty file (a background image). Label files go straight
 * into {@code labels/} when the export has at most {@link FileLimits#filesPerFolder()} images, else into numbered
 * subfolders {@code labels/00000/}, {@code labels/00001/} ... of that many each, in run order. Workers render the
 * label lines of their shard; the files are created on one thread in run order, so names are the same on every
 * export.
 */
final class YoloWriter implements ImageSink<YoloWriter.Chunk> {

    /** One image's label file content and index line fields. */
    private record Labels(String stem, String lines, String imageId, String uri, int width, int height) {
    }

    /** One shard's label files, in run order. */
    record Chunk(List<Labels> files, long boxes) implements ImageSink.Chunk {
        @Override
        public long images() {
            return files.size();
        }
    }

    private final Path dir;
    private final Path labels;
    private final List<String> classes;
    private final Map<String, Integer> classIds = new HashMap<>();
    private final BufferedWriter index;
    private final String runId;
    private final boolean subfolders;
    private final int filesPerFolder;
    private long written;

    /** {@code images}: how many images the export writes (decides flat or subfolders). */
    YoloWriter(Path dir, List<String> classes, String runId, long images, FileLimits limits) throws IOException {
        this.dir = requireNonNull(dir, "dir");
        this.classes = List.copyOf(classes);
        this.runId = requireNonNull(runId, "runId");
        this.labels = dir.resolve("labels");
        this.filesPerFolder = limits.filesPerFolder();
        this.subfolders = images > filesPerFolder;
        if (Files.isDirectory(labels)) {
            try (var existing = Files.list(labels)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException(labels + " already holds label files: export into an empty --out folder");
                }
            }
        }
        Files.createDirectories(labels);
        this.classes.forEach(c -> classIds.put(c, classIds.size()));
        this.index = Files.newBufferedWriter(dir.resolve("images.csv"), StandardCharsets.UTF_8);
        index.write("label_file,image_id,uri,width,height\n");
    }

    @Override
    public ChunkWriter<Chunk> chunkWriter(int shard) {
        return new ChunkWriter<>() {
            private final List<Labels> files = new ArrayList<>();
            private long boxes;

            @Override
            public void write(LabeledImage image) {
                StringBuilder lines = new StringBuilder();
                for (LabeledDetection d : image.detections()) {
                    lines.append(line(classIds.get(d.label()), d.box(), image.width(), image.height()));
                }
                boxes += image.detections().size();
                files.add(new Labels(SafeNames.of(image.imageId()), lines.toString(), image.imageId(), image.uri(),
                        image.width(), image.height()));
            }

            @Override
            public Chunk finish() {
                return new Chunk(List.copyOf(files), boxes);
            }

            @Override
            public void close() {
                // nothing held but memory
            }
        };
    }

    /** One label line; {@code classId} null means the class list is missing a label (a bug in the caller). */
    static String line(Integer classId, Box b, int width, int height) {
        if (classId == null) {
            throw new IllegalStateException("a label is missing from the class list");
        }
        double cx = (b.x1() + b.x2()) / 2.0 / width;
        double cy = (b.y1() + b.y2()) / 2.0 / height;
        return String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f%n", classId, cx, cy,
                (double) b.width() / width, (double) b.height() / height);
    }

    @Override
    public void append(Chunk chunk) throws IOException {
        for (Labels l : chunk.files()) {
            Path folder = folderOf(written++);
            Path file = create(folder, l.stem(), l.lines());
            index.write(String.join(",", Csv.field(dir.relativize(file).toString().replace('\\', '/')),
                    Csv.field(l.imageId()), Csv.field(l.uri()), Integer.toString(l.width()), Integer.toString(l.height()))
                    + "\n");
        }
    }

    /** {@code labels/}, or its numbered subfolder for the image at {@code position} in the export. */
    private Path folderOf(long position) throws IOException {
        if (!subfolders) {
            return labels;
        }
        Path folder = labels.resolve(String.format("%05d", position / filesPerFolder));
        if (position % filesPerFolder == 0) {
            Files.createDirectories(folder);
        }
        return folder;
    }

    /** Creates {@code stem.txt} in {@code folder}, or {@code stem-2.txt}, {@code stem-3.txt} ... if taken. */
    private static Path create(Path folder, String stem, String lines) throws IOException {
        byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
        for (int n = 1; ; n++) {
            Path file = folder.resolve(n == 1 ? stem + ".txt" : stem + "-" + n + ".txt");
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(bytes);
                return file;
            } catch (FileAlreadyExistsException taken) {
                // the safe name is taken by an earlier image: try the next suffix
            }
        }
    }

    @Override
    public void finish() throws IOException {
        index.close();
        Files.write(dir.resolve("classes.txt"), classes, StandardCharsets.UTF_8);
        String where = subfolders
                ? "# under images/ with the same path as its label file (images/00000/<name>.jpg for labels/00000/<name>.txt)."
                : "# under images/ with the same name as its label file (images/<name>.jpg for labels/<name>.txt).";
        List<String> yaml = new ArrayList<>(List.of(
                "# autolabel export of run " + runId + ". Images are not copied: put each image listed in images.csv",
                where, "path: .", "train: images", "val: images", "nc: " + classes.size(), "names:"));
        for (int i = 0; i < classes.size(); i++) {
            yaml.add("  " + i + ": " + yamlString(classes.get(i)));
        }
        Files.write(dir.resolve("data.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void abort() {
        try {
            index.close();
        } catch (IOException e) {
            // best effort: the export already failed with its own error
        }
    }

    @Override
    public List<Path> files() {
        return List.of(labels, dir.resolve("classes.txt"), dir.resolve("data.yaml"), dir.resolve("images.csv"));
    }
}
