package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * YOLO (Ultralytics) labels: {@code labels/<name>.txt} per image with one line {@code class cx cy w h} per box,
 * normalised to 0..1 by the image size (6 decimals); {@code classes.txt} and {@code data.yaml} list the classes
 * (ids 0..C-1 by label name). Images are not copied: {@code images.csv} maps each label file to its image URI,
 * size and id, and {@code <name>} is the image id made safe as a file name (unique: {@code -2}, {@code -3} on
 * collisions). Images without boxes get an empty file (a background image).
 */
final class YoloWriter implements ImageSink {

    private final Path dir;
    private final Path labels;
    private final List<String> classes;
    private final Map<String, Integer> classIds = new HashMap<>();
    private final BufferedWriter index;
    private final String runId;

    YoloWriter(Path dir, List<String> classes, String runId) throws IOException {
        this.dir = requireNonNull(dir, "dir");
        this.classes = List.copyOf(classes);
        this.runId = requireNonNull(runId, "runId");
        this.labels = dir.resolve("labels");
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
    public void write(LabeledImage image) throws IOException {
        Path file = uniqueFile(SafeNames.of(image.imageId()));
        StringBuilder lines = new StringBuilder();
        for (LabeledDetection d : image.detections()) {
            lines.append(line(classIds.get(d.label()), d.box(), image.width(), image.height()));
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        index.write(String.join(",", Csv.field("labels/" + file.getFileName()), Csv.field(image.imageId()),
                Csv.field(image.uri()), Integer.toString(image.width()), Integer.toString(image.height())) + "\n");
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

    private Path uniqueFile(String stem) {
        Path file = labels.resolve(stem + ".txt");
        for (int n = 2; Files.exists(file); n++) {
            file = labels.resolve(stem + "-" + n + ".txt");
        }
        return file;
    }

    @Override
    public void finish() throws IOException {
        index.close();
        Files.write(dir.resolve("classes.txt"), classes, StandardCharsets.UTF_8);
        List<String> yaml = new ArrayList<>(List.of(
                "# autolabel export of run " + runId + ". Images are not copied: put each image listed in images.csv",
                "# under images/ with the same name as its label file (images/<name>.jpg for labels/<name>.txt).",
                "path: .", "train: images", "val: images", "nc: " + classes.size(), "names:"));
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
