package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.labeling.PassOutcome;
import dev.autolabel.merge.OpenVocabParams;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.PrecisionParams;
import dev.autolabel.merge.PrecisionPass;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's raw detections of a labeled set, computed once with low candidate floors, and the labels a run
 * would write for any thresholds at or above those floors: the same filters and gap-fill merge
 * ({@link PassDetectors#combine}) on the same raw detections, without running the models again. Rows are in ground
 * truth order, with the image's file stem as id and its path as URI.
 */
public final class BenchmarkLabels {

    private record Raw(CocoImage image, String uri, List<Detection> precise, List<Detection> openVocab) {
    }

    private static final Provenance PROVENANCE = new Provenance("bench", Map.of(), "bench", LabeledImage.SCHEMA_VERSION);

    private final PassDetectors detectors;
    private final List<Raw> raw = new ArrayList<>();

    /** Runs both models of {@code config} (whose thresholds set the floors) over every image of {@code truth}. */
    public BenchmarkLabels(AutolabelConfig config, CocoGroundTruth truth, Path imagesDir) {
        try (BlobStore store = new LocalBlobStore(1 << 24)) {
            this.detectors = PassDetectorFactory.create(config,
                    Optional.of(EmbeddingsLoader.load(store, config.openVocab().orElseThrow())), new ModelLocator(store),
                    config.execution());
            ImageIoDecoder decoder = new ImageIoDecoder(config.image());
            List<CocoImage> images = truth.images();
            for (int start = 0; start < images.size(); start += 16) {
                List<CocoImage> batch = images.subList(start, Math.min(images.size(), start + 16));
                List<RgbImage> decoded = new ArrayList<>();
                List<String> uris = new ArrayList<>();
                for (CocoImage image : batch) {
                    String uri = imagesDir.resolve(image.fileName()).toString();
                    uris.add(uri);
                    decoded.add(decoder.decode(store.readAll(uri), uri));
                }
                List<List<Detection>> p1 = detectors.precision().detect(decoded);
                List<List<Detection>> p2 = detectors.openVocab().orElseThrow().detect(decoded);
                for (int k = 0; k < batch.size(); k++) {
                    raw.add(new Raw(batch.get(k), uris.get(k), p1.get(k), p2.get(k)));
                }
            }
        } catch (dev.autolabel.label.LabelingException e) {
            throw new IllegalStateException("benchmark image unreadable: " + e.getMessage(), e);
        }
    }

    /** The rows a run with these pass settings would write (the gap-fill merge of both passes). */
    public List<LabeledImage> label(PrecisionParams precision, OpenVocabParams openVocab) {
        PassDetectors passes = new PassDetectors(detectors.precision(), new PrecisionPass(precision), detectors.openVocab(),
                Optional.of(new OpenVocabPass(openVocab, detectors.openVocabPass().orElseThrow().prompts())), detectors.merge());
        List<LabeledImage> rows = new ArrayList<>();
        for (Raw r : raw) {
            PassOutcome outcome = passes.combine(r.precise(), r.openVocab(), r.image().width(), r.image().height());
            String stem = r.image().baseName().replaceFirst("\\.[^.]+$", "");
            rows.add(LabeledImage.ok(stem, r.uri(), r.image().width(), r.image().height(), outcome.labels(), PROVENANCE,
                    Instant.EPOCH, Map.of()));
        }
        return rows;
    }

    public PassDetectors detectors() {
        return requireNonNull(detectors);
    }
}
