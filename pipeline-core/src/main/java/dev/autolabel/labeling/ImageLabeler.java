package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.LabelingException;
import dev.autolabel.label.Provenance;
import dev.autolabel.labeling.StageTimes.Stage;
import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.Uncertainty;
import dev.autolabel.model.Prompt;
import dev.autolabel.storage.Blob;
import dev.autolabel.storage.BlobStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Labels a batch of manifest rows: fetch, decode, pass 1, pass 2, gap-fill merge, review score (uncertainty).
 * Returns exactly one {@link LabeledImage} per row, in row order: per-image faults become FAILED rows, never
 * exceptions. OK rows record the fingerprint of the content they were labeled from.
 * One instance per thread (its detectors hold batch buffers).
 */
public final class ImageLabeler {

    private final BlobStore store;
    private final ImageDecoder decoder;
    private final PassDetectors passes;
    private final Provenance provenance;
    private final Clock clock;
    private final Uncertainty uncertainty;
    private final StageTimes times = new StageTimes();

    public ImageLabeler(BlobStore store, ImageDecoder decoder, PassDetectors passes, Provenance provenance, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.decoder = requireNonNull(decoder, "decoder");
        this.passes = requireNonNull(passes, "passes");
        this.provenance = requireNonNull(provenance, "provenance");
        this.clock = requireNonNull(clock, "clock");
        this.uncertainty = new Uncertainty(passes.precisionPass().params(), passes.openVocabPass().map(OpenVocabPass::params),
                promptLabels(passes));
    }

    private static Set<String> promptLabels(PassDetectors passes) {
        return passes.openVocabPass().map(p -> p.prompts().stream().map(Prompt::label).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    public List<LabeledImage> label(List<? extends ManifestRow> rows) {
        LabeledImage[] out = new LabeledImage[rows.size()];
        List<Integer> decodedAt = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ManifestRow row = rows.get(i);
            if (row instanceof MalformedRow bad) {
                out[i] = LabeledImage.failed(bad.syntheticId(), "", ErrorCode.MALFORMED_MANIFEST_ROW,
                        "manifest line " + bad.lineNumber() + ": " + bad.reason(), provenance, clock.instant(), Map.of());
                continue;
            }
            ManifestEntry entry = (ManifestEntry) row;
            try {
                images.add(fetchAndDecode(entry, fingerprints));
                decodedAt.add(i);
            } catch (LabelingException e) {
                out[i] = failed(entry, e.code(), e.getMessage());
            } catch (RuntimeException e) {
                out[i] = failed(entry, ErrorCode.INTERNAL, e.toString());
            }
        }
        List<Scored> labels = detect(images);
        for (int k = 0; k < decodedAt.size(); k++) {
            int i = decodedAt.get(k);
            ManifestEntry entry = (ManifestEntry) rows.get(i);
            RgbImage image = images.get(k);
            Scored scored = labels.get(k);
            out[i] = LabeledImage.ok(entry.id(), entry.uri(), image.width(), image.height(), scored.labels(), provenance,
                    clock.instant(), entry.extra()).withUncertainty(scored.uncertainty()).withFingerprint(fingerprints.get(k));
        }
        return List.of(out);
    }

    /** One image's final labels and its review score. */
    private record Scored(List<LabeledDetection> labels, float uncertainty) {
    }

    /** Time spent per stage by this labeler so far (for run reports). */
    public StageTimes stageTimes() {
        return times;
    }

    private RgbImage fetchAndDecode(ManifestEntry entry, List<String> fingerprints) throws LabelingException {
        long start = System.nanoTime();
        Blob blob;
        try {
            blob = store.read(entry.uri());
        } finally {
            start = times.lap(Stage.FETCH, start);
        }
        try {
            RgbImage image = decoder.decode(blob.bytes(), entry.uri());
            fingerprints.add(blob.fingerprint());
            return image;
        } finally {
            times.lap(Stage.DECODE, start);
        }
    }

    /** Both passes over the decoded images, then the merge and the review score, image by image. */
    private List<Scored> detect(List<RgbImage> images) {
        if (images.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        List<List<Detection>> raw1 = passes.precision().detect(images);
        List<List<Detection>> mirrored1 = MirroredDetections.detect(passes, images);
        start = times.lap(Stage.INFER_PASS1, start);
        List<List<Detection>> raw2 = passes.openVocab().map(d -> d.detect(images)).orElse(List.of());
        start = times.lap(Stage.INFER_PASS2, start);
        List<Scored> result = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            RgbImage image = images.get(k);
            List<Detection> open = raw2.isEmpty() ? List.of() : raw2.get(k);
            List<LabeledDetection> labels = passes.combine(raw1.get(k), mirrored1.get(k), open, image.width(),
                    image.height()).labels();
            result.add(new Scored(labels, uncertainty.score(labels, raw1.get(k))));
        }
        times.lap(Stage.MERGE, start);
        return result;
    }

    private LabeledImage failed(ManifestEntry entry, ErrorCode code, String message) {
        return LabeledImage.failed(entry.id(), entry.uri(), code, message, provenance, clock.instant(), entry.extra());
    }
}
