package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.detect.Detection;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.ExportFixtures;
import dev.autolabel.testing.ExportFixtures.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every export family's stand-in, with the minimal config a user writes (no format, no preprocessing keys), is
 * recognised and decoded to the right label within 2 px of the truth on landscape, portrait and full-HD images.
 * The end-to-end form of this (through {@code autolabel run}) is ExportFamiliesCliTest; this one shows the raw boxes.
 */
class ExportFamiliesTest {

    static Stream<Case> cases() {
        return ExportFixtures.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachFamilyFindsEveryObjectWithItsLabel(Case c) {
        AutolabelConfig config = ConfigLoader.fromConfig(ConfigFactory.parseString(
                ExportFixtures.config(c, "unused.jsonl", "unused-out")), Map.of());
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            Optional<TextEmbeddings> embeddings = config.openVocab().flatMap(ov -> EmbeddingsLoader.loadIfConfigured(store, ov));
            PassDetectors passes = PassDetectorFactory.create(config, embeddings, new ModelLocator(store), config.execution());
            Detector detector = c.openVocab() ? passes.openVocab().orElseThrow() : passes.precision();
            System.out.println("[" + c + "] " + detector.adapter().describe());
            if (c.folder().equals("yolo11-dynamic")) {
                assertEquals(640, detector.inputSpec().width(), "dynamic export: size from the imgsz metadata [480, 640]");
                assertEquals(480, detector.inputSpec().height());
            }
            for (int[] size : ExportFixtures.SIZES) {
                List<Detection> found = detector.detect(List.of(ExportFixtures.scene(size[0], size[1]))).get(0);
                List<String> report = new ArrayList<>();
                for (int colour = 0; colour < 3; colour++) {
                    int[] t = ExportFixtures.truth(colour, size[0], size[1]);
                    String label = c.labels().get(colour);
                    Detection d = found.stream().filter(x -> x.label().equals(label)).max((a, b) -> Float.compare(a.score(), b.score()))
                            .orElseThrow(() -> new AssertionError(c + " " + size[0] + "x" + size[1] + ": no " + label + " in " + found));
                    float err = Math.max(Math.max(Math.abs(d.box().x1() - t[0]), Math.abs(d.box().y1() - t[1])),
                            Math.max(Math.abs(d.box().x2() - t[2]), Math.abs(d.box().y2() - t[3])));
                    report.add(String.format("%s %.2fpx", label, err));
                    assertTrue(err <= 2f, c + " " + size[0] + "x" + size[1] + ": " + label + " box " + d.box() + " vs truth "
                            + java.util.Arrays.toString(t) + " (" + err + " px)");
                }
                long confident = found.stream().filter(d -> d.score() >= 0.5f).count();
                assertEquals(3, confident, c + " " + size[0] + "x" + size[1] + ": one confident box per object: " + found);
                System.out.println("[" + c + "] " + size[0] + "x" + size[1] + ": " + report);
            }
        }
    }
}
