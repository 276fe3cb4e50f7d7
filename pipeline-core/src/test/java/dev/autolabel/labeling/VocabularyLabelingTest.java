package dev.autolabel.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.merge.QaFlags;
import dev.autolabel.model.Sha256;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vocabulary and QA settings end to end through {@link ImageLabeler} on the fixture models: editing a prompt
 * or threshold changes the labels as expected, and every label carries its provenance. The image has a red, a
 * yellow and a blue blob; pass 1 is told to ignore yellow and blue (threshold 1.0), so those come from pass 2.
 */
class VocabularyLabelingTest {

    private static final String FILE = "embeddings-file = \"" + FixtureModels.embeddingsFile() + "\"";
    private static final String ENCODER = "text-encoder { model = \"" + FixtureModels.textEncoder() + "\", tokenizer = \""
            + FixtureModels.tokenizer() + "\" }";
    private static final String COLOURS = prompts("red", "yellow", "blue");

    @TempDir
    static Path dir;
    private static ManifestEntry image;

    @BeforeAll
    static void drawImage() throws Exception {
        Files.write(dir.resolve("blobs.png"), TestImages.canvas(240, 150, new Color(114, 114, 114))
                .fill(20, 30, 80, 90, Color.RED).fill(100, 40, 150, 110, Color.YELLOW).fill(170, 20, 230, 80, Color.BLUE).png());
        image = new ManifestEntry("blobs", dir.resolve("blobs.png").toString(), 1, Map.of());
    }

    /** One prompt "<colour> thing" per colour, labelled with the colour's name (as pass 1 names it). */
    private static String prompts(String... colours) {
        StringBuilder b = new StringBuilder("prompts = [");
        for (String c : colours) {
            b.append(String.format("{ label = %s, texts = [\"%s thing\"] }, ", c, c));
        }
        return b.append("]").toString();
    }

    private static AutolabelConfig config(String openVocab, String extra) {
        String text = String.format("""
                autolabel {
                  precision { model = "%s", class-thresholds { yellow = 1.0, blue = 1.0 } }
                  open-vocab { model = "%s", threshold = 0.3, %s }
                }
                %s
                """, FixtureModels.yolo(), FixtureModels.openVocab(), openVocab, extra);
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text), Map.of());
    }

    private static LabeledImage label(String openVocab) {
        return label(openVocab, "");
    }

    /** Labels the image the way a run does: embeddings once, model hashes into the provenance, then the labeler. */
    private static LabeledImage label(String openVocab, String extra) {
        AutolabelConfig config = config(openVocab, extra);
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            ModelLocator models = new ModelLocator(store);
            PassDetectors passes = PassDetectorFactory.create(config,
                    Optional.of(EmbeddingsLoader.load(store, config.openVocab().orElseThrow())), models, config.execution());
            Provenance provenance = new Provenance("run-1", PassDetectorFactory.modelHashes(config, models, config.execution()),
                    config.labelingConfigHash(), LabeledImage.SCHEMA_VERSION);
            LabeledImage out = new ImageLabeler(store, new ImageIoDecoder(config.image()), passes, provenance,
                    Clock.systemUTC()).label(List.of(image)).get(0);
            assertEquals(Status.OK, out.status(), out.toString());
            return out;
        }
    }

    private static List<String> labels(LabeledImage image, Source source) {
        return image.detections().stream().filter(d -> d.source() == source).map(LabeledDetection::label).sorted().toList();
    }

    private static LabeledDetection only(LabeledImage image, String label) {
        List<LabeledDetection> found = image.detections().stream().filter(d -> d.label().equals(label)).toList();
        assertEquals(1, found.size(), image.detections().toString());
        return found.get(0);
    }

    @Test
    void theColourPromptsFillTheGapsPassOneLeaves() {
        LabeledImage out = label(FILE + ", " + COLOURS);
        assertEquals(List.of("red"), labels(out, Source.PRECISE));
        assertEquals(List.of("blue", "yellow"), labels(out, Source.OPEN_VOCAB));
    }

    @Test
    void theTextEncoderGivesTheSameLabelsAsTheEmbeddingsFile() {
        LabeledImage fromFile = label(FILE + ", " + COLOURS);
        LabeledImage fromEncoder = label(ENCODER + ", " + COLOURS);

        assertEquals(fromFile.detections().size(), fromEncoder.detections().size(), fromEncoder.detections().toString());
        for (int i = 0; i < fromFile.detections().size(); i++) {
            LabeledDetection a = fromFile.detections().get(i);
            LabeledDetection b = fromEncoder.detections().get(i);
            assertEquals(List.of(a.label(), a.source(), a.prompt(), a.box(), a.qaFlags(), a.fineLabel()),
                    List.of(b.label(), b.source(), b.prompt(), b.box(), b.qaFlags(), b.fineLabel()));
            assertEquals(a.score(), b.score(), 0.01f);
        }
        assertEquals(Sha256OfFixture.TEXT_ENCODER, fromEncoder.provenance().modelHashes().get("text-encoder"));
        assertFalse(fromFile.provenance().modelHashes().containsKey("text-encoder"));
    }

    @Test
    void removingAPromptRemovesItsLabels() {
        LabeledImage out = label(FILE + ", " + prompts("red", "blue"));
        assertEquals(List.of("blue"), labels(out, Source.OPEN_VOCAB));
    }

    @Test
    void aThresholdAboveTheFixtureScoresRemovesEveryPassTwoLabel() {
        assertEquals(List.of(), labels(label(FILE + ", " + COLOURS + ", threshold = 0.999"), Source.OPEN_VOCAB));
        assertEquals(2, labels(label(FILE + ", " + COLOURS + ", threshold = 0.99"), Source.OPEN_VOCAB).size(),
                "the fixture scores 0.9975 on a present colour");
    }

    @Test
    void aPerLabelThresholdAffectsOnlyThatLabel() {
        LabeledImage perPrompt = label(FILE + ", prompts = [\"blue thing\", "
                + "{ label = yellow, texts = [\"yellow thing\"], threshold = 0.999 }]");
        assertEquals(List.of("blue thing"), labels(perPrompt, Source.OPEN_VOCAB), "a plain string prompt is its own label");

        LabeledImage perLabel = label(FILE + ", " + COLOURS + ", label-thresholds { blue = 0.999 }");
        assertEquals(List.of("yellow"), labels(perLabel, Source.OPEN_VOCAB));
    }

    @Test
    void eachLabelRecordsThePromptThatFired() {
        LabeledImage out = label(FILE + ", prompts = [{ label = warm, texts = [\"purple thing\", \"yellow thing\"] },"
                + " { label = cool, texts = [\"blue thing\", \"green thing\"] }]");
        assertEquals(Optional.of("yellow thing"), only(out, "warm").prompt());
        assertEquals(Optional.of("blue thing"), only(out, "cool").prompt());

        LabeledImage synonyms = label(ENCODER + ", prompts = [{ label = sunny, texts = [\"purple object\", \"YELLOW object\"] }]");
        assertEquals(Optional.of("YELLOW object"), only(synonyms, "sunny").prompt());
    }

    @Test
    void everyLabelCarriesItsProvenance() {
        LabeledImage out = label(ENCODER + ", " + COLOURS);

        Map<String, String> hashes = out.provenance().modelHashes();
        assertEquals(Sha256OfFixture.YOLO, hashes.get("precision"));
        assertEquals(Sha256OfFixture.OPEN_VOCAB, hashes.get("open-vocab"));
        assertEquals(Sha256OfFixture.TEXT_ENCODER, hashes.get("text-encoder"));
        assertEquals(config(ENCODER + ", " + COLOURS, "").labelingConfigHash(), out.provenance().configHash());
        for (LabeledDetection d : out.detections()) {
            if (d.source() == Source.PRECISE) {
                assertEquals(Optional.empty(), d.prompt());
                assertTrue(d.qaFlags().containsAll(List.of(QaFlags.SIZE_OK, QaFlags.ASPECT_OK)), d.toString());
            } else {
                assertEquals(Optional.of(d.label() + " thing"), d.prompt());
                assertEquals(List.of(QaFlags.GAP_FILL), d.qaFlags());
            }
        }
        assertTrue(only(out, "red").qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB), "pass 2's red agrees with pass 1's");
    }

    @Test
    void flipConsistencyKeepsConsistentDetectionsAndSaysSo() {
        LabeledImage plain = label(FILE + ", " + COLOURS);
        LabeledImage flipped = label(FILE + ", " + COLOURS, "autolabel.precision.qa.flip-consistency = true");

        assertEquals(plain.detections().stream().map(LabeledDetection::box).toList(),
                flipped.detections().stream().map(LabeledDetection::box).toList(), "the blob detector is mirror-symmetric");
        assertTrue(only(flipped, "red").qaFlags().contains(QaFlags.FLIP_CONSISTENT));
        assertFalse(only(plain, "red").qaFlags().contains(QaFlags.FLIP_CONSISTENT));
    }

    @Test
    void aMappedPassTwoLabelConfirmsThePassOneLabel() {
        String scarlet = FILE + ", prompts = [{ label = scarlet, texts = [\"red thing\"] }]";

        LabeledDetection unmapped = only(label(scarlet), "red");
        assertFalse(unmapped.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB));
        assertEquals(Optional.of("scarlet"), unmapped.fineLabel());

        LabeledDetection mapped = only(label(scarlet, "autolabel.merge.label-map { scarlet = red }"), "red");
        assertTrue(mapped.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB));
    }

    /** SHA-256 of the fixture files, computed independently of the sessions. */
    private static final class Sha256OfFixture {
        static final String YOLO = of(FixtureModels.yolo());
        static final String OPEN_VOCAB = of(FixtureModels.openVocab());
        static final String TEXT_ENCODER = of(FixtureModels.textEncoder());

        private static String of(Path file) {
            try {
                return Sha256.ofFile(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
