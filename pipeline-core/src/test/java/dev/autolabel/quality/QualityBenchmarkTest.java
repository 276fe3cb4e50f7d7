package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The label-quality benchmark (README "Label quality"): the committed shape detectors, configured by
 * conf/quality-bench.conf, on the whole committed test set (300 images). Guards the claim that the gap-fill merge
 * adds recall over pass 1 at (almost) pass 1's precision, and is more precise than the plain union.
 */
class QualityBenchmarkTest {

    static final Path QUALITY = Path.of("src", "test", "resources", "quality").toAbsolutePath();
    static final Path TEST_SET = QUALITY.resolve("testset");
    static final Path CONFIG = Path.of("..", "conf", "quality-bench.conf");

    private static EvaluationReport report;

    /** conf/quality-bench.conf with its model paths (relative to the repository root) made absolute. */
    static AutolabelConfig benchConfig() {
        return ConfigLoader.load(CONFIG, Map.of(
                "precision.model", QUALITY.resolve("shapes-yolo.onnx").toString(),
                "open-vocab.model", QUALITY.resolve("shapes-openvocab.onnx").toString(),
                "open-vocab.embeddings-file", QUALITY.resolve("shapes-embeddings.json").toString()));
    }

    static CocoGroundTruth testSet() throws IOException {
        try (InputStream in = Files.newInputStream(TEST_SET.resolve("instances.json"))) {
            return CocoGroundTruth.read(in, "instances.json");
        }
    }

    @BeforeAll
    static void evaluate() throws IOException {
        assertEquals(List.of("circle", "square", "triangle", "star", "cross"), List.copyOf(testSet().categories().values()));
        AutolabelConfig config = benchConfig();
        CocoGroundTruth truth = testSet();
        QualityEvaluation evaluation = new QualityEvaluation(truth);
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            PassDetectors passes = PassDetectorFactory.create(config,
                    Optional.of(EmbeddingsLoader.load(store, config.openVocab().orElseThrow())), new ModelLocator(store),
                    config.execution());
            new GroundTruthLabeler(store, new ImageIoDecoder(config.image()), passes, config.precision().params().nmsIou())
                    .label(truth, TEST_SET.toString(), evaluation);
        }
        report = evaluation.report();
        System.out.println(report.table());
        System.out.println(report.perClassTable());
    }

    @Test
    void passOneFindsTheThreeShapesItKnowsAndPassTwoAllFive() {
        CocoMetrics pass1 = report.metrics(Variant.PASS1);
        CocoMetrics pass2 = report.metrics(Variant.PASS2);
        for (int category : List.of(1, 2, 3)) { // circle, square, triangle
            assertTrue(pass1.apPerCategory().get(category) > 0.5, report.perClassTable());
        }
        for (int category : List.of(4, 5)) { // star, cross: background to pass 1
            assertEquals(0.0, pass1.apPerCategory().get(category), report.perClassTable());
            assertTrue(pass2.apPerCategory().get(category) > 0.2, report.perClassTable());
        }
    }

    @Test
    void theGapFillMergeFindsMoreThanPassOne() {
        CocoMetrics pass1 = report.metrics(Variant.PASS1);
        CocoMetrics merged = report.metrics(Variant.GAP_FILL);
        assertTrue(merged.recall() > pass1.recall(), report.table());
        assertTrue(merged.ar100() > pass1.ar100(), report.table());
    }

    @Test
    void theGapFillMergeKeepsPassOnesPrecisionWithinTwoPoints() {
        assertTrue(report.metrics(Variant.GAP_FILL).precision() >= report.metrics(Variant.PASS1).precision() - 0.02,
                report.table());
    }

    @Test
    void theGapFillMergeIsMorePreciseThanThePlainUnion() {
        assertTrue(report.metrics(Variant.GAP_FILL).precision() > report.metrics(Variant.UNION).precision(), report.table());
    }
}
