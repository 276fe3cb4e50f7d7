package dev.autolabel.spark.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import dev.autolabel.spark.CliCapture;
import dev.autolabel.spark.CliCapture.Result;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.ExportFixtures;
import dev.autolabel.testing.ExportFixtures.Case;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each export family's stand-in through {@code autolabel run}, as a user meets it: a minimal config (model path and
 * class names or prompts; no format, no preprocessing keys), PNG photos of 1280x720, 720x1280 and 1920x1080 with a
 * red, a green and a blue object, Parquet read back. Every object is found with its right label within 2 px, and
 * nothing else is written.
 */
class ExportFamiliesCliTest {

    @TempDir
    Path tmp;

    static Stream<Case> cases() {
        return ExportFixtures.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runLabelsEveryObjectRightWithAMinimalConfig(Case c) throws Exception {
        Path manifest = scenes(tmp);
        Path out = tmp.resolve("out");
        Path config = Files.writeString(tmp.resolve("minimal.conf"), ExportFixtures.config(c, manifest.toString(), out.toString()));

        Result run = CliCapture.run("run", "--config", config.toString(), "--master", "local[2]", "--run-id", "r1");

        assertEquals(0, run.exitCode(), c + ": " + run.err());
        List<LabeledImage> rows = new ArrayList<>();
        try (LocalBlobStore store = new LocalBlobStore(1 << 20);
                RunReader reader = new RunReader(store, new RunLayout(out.toString(), "r1"))) {
            reader.forEachRemaining(rows::add);
        }
        assertEquals(ExportFixtures.SIZES.size(), rows.size());
        for (LabeledImage row : rows) {
            assertEquals(Status.OK, row.status(), row.toString());
            List<String> report = new ArrayList<>();
            for (int colour = 0; colour < 3; colour++) {
                int[] t = ExportFixtures.truth(colour, row.width(), row.height());
                String label = c.labels().get(colour);
                LabeledDetection d = row.detections().stream().filter(x -> x.label().equals(label)).findFirst()
                        .orElseThrow(() -> new AssertionError(c + " " + row.imageId() + ": no " + label + " in " + row.detections()));
                float err = Math.max(Math.max(Math.abs(d.box().x1() - t[0]), Math.abs(d.box().y1() - t[1])),
                        Math.max(Math.abs(d.box().x2() - t[2]), Math.abs(d.box().y2() - t[3])));
                assertTrue(err <= 2f, c + " " + row.imageId() + ": " + label + " " + d.box() + " is " + err + " px off "
                        + java.util.Arrays.toString(t));
                report.add(String.format("%s %.2f px", label, err));
            }
            assertEquals(3, row.detections().size(), c + " " + row.imageId() + ": only the three objects: " + row.detections());
            System.out.printf("[families] %s | %s | %s%n", c, row.imageId(), report);
        }
        System.out.printf("[families] %s recognised as: %s%n", c, run.out().lines()
                .filter(l -> l.startsWith("[autolabel] " + (c.openVocab() ? "open-vocab" : "precision") + ":"))
                .findFirst().orElse("?"));
    }

    /** The three scenes as PNG files and a manifest listing them (ids = their sizes). */
    static Path scenes(Path dir) throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (int[] size : ExportFixtures.SIZES) {
            String id = size[0] + "x" + size[1];
            Path png = Files.write(dir.resolve(id + ".png"), ExportFixtures.scenePng(size[0], size[1]));
            manifest.append("{\"id\": \"").append(id).append("\", \"uri\": \"").append(png).append("\"}\n");
        }
        return Files.writeString(dir.resolve("manifest.jsonl"), manifest.toString());
    }
}
