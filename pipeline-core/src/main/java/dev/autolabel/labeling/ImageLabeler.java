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
import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.storage.BlobStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labels a batch of manifest rows: fetch, decode, pass 1, pass 2, gap-fill merge. Returns exactly one
 * {@link LabeledImage} per row, in row order: per-image faults become FAILED rows, never exceptions.
 * One instance per thread (its detectors hold batch buffers).
 */
public final class ImageLabeler {

    private final BlobStore store;
    private final ImageDecoder decoder;
    private final PassDetectors passes;
    private final Provenance provenance;
    private final Clock clock;

    public ImageLabeler(BlobStore store, ImageDecoder decoder, PassDetectors passes, Provenance provenance, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.decoder = requireNonNull(decoder, "decoder");
        this.passes = requireNonNull(passes, "passes");
        this.provenance = requireNonNull(provenance, "provenance");
        this.clock = requireNonNull(clock, "clock");
    }

    public List<LabeledImage> label(List<? extends ManifestRow> rows) {
        LabeledImage[] out = new LabeledImage[rows.size()];
        List<Integer> decodedAt = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ManifestRow row = rows.get(i);
            if (row instanceof MalformedRow bad) {
                out[i] = LabeledImage.failed(bad.syntheticId(), "", ErrorCode.MALFORMED_MANIFEST_ROW,
                        "manifest line " + bad.lineNumber() + ": " + bad.reason(), provenance, clock.instant(), Map.of());
                continue;
            }
            ManifestEntry entry = (ManifestEntry) row;
            try {
                images.add(decoder.decode(store.readAll(entry.uri()), entry.uri()));
                decodedAt.add(i);
            } catch (LabelingException e) {
                out[i] = failed(entry, e.code(), e.getMessage());
            } catch (RuntimeException e) {
                out[i] = failed(entry, ErrorCode.INTERNAL, e.toString());
            }
        }
        List<List<LabeledDetection>> labels = detect(images);
        for (int k = 0; k < decodedAt.size(); k++) {
            int i = decodedAt.get(k);
            ManifestEntry entry = (ManifestEntry) rows.get(i);
            RgbImage image = images.get(k);
            out[i] = LabeledImage.ok(entry.id(), entry.uri(), image.width(), image.height(), labels.get(k), provenance,
                    clock.instant(), entry.extra());
        }
        return List.of(out);
    }

    /** Both passes over the decoded images, then the merge, image by image. */
    private List<List<LabeledDetection>> detect(List<RgbImage> images) {
        if (images.isEmpty()) {
            return List.of();
        }
        List<List<Detection>> raw1 = passes.precision().detect(images);
        List<List<Detection>> raw2 = passes.openVocab().map(d -> d.detect(images)).orElse(List.of());
        List<List<LabeledDetection>> result = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            RgbImage image = images.get(k);
            List<Detection> open = raw2.isEmpty() ? List.of() : raw2.get(k);
            result.add(passes.combine(raw1.get(k), open, image.width(), image.height()).labels());
        }
        return result;
    }

    private LabeledImage failed(ManifestEntry entry, ErrorCode code, String message) {
        return LabeledImage.failed(entry.id(), entry.uri(), code, message, provenance, clock.instant(), entry.extra());
    }
}
