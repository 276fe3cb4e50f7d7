package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Builds the output rows of a run: OK rows with labels and review score, FAILED rows with their error. */
final class RowResults {

    private final Provenance provenance;
    private final Clock clock;

    RowResults(Provenance provenance, Clock clock) {
        this.provenance = requireNonNull(provenance, "provenance");
        this.clock = requireNonNull(clock, "clock");
    }

    LabeledImage malformed(MalformedRow bad) {
        return LabeledImage.failed(bad.syntheticId(), "", ErrorCode.MALFORMED_MANIFEST_ROW,
                "manifest " + bad.position() + ": " + bad.reason(), provenance, clock.instant(), Map.of());
    }

    LabeledImage failed(ManifestEntry entry, ErrorCode code, String message) {
        return LabeledImage.failed(entry.id(), entry.uri(), code, message, provenance, clock.instant(), entry.extra());
    }

    /** An OK row, recording the fingerprint of the content it was labeled from. */
    LabeledImage ok(ImageHeader image, List<LabeledDetection> labels, float uncertainty) {
        ManifestEntry entry = image.entry();
        return LabeledImage.ok(entry.id(), entry.uri(), image.width(), image.height(), labels, provenance, clock.instant(),
                entry.extra()).withUncertainty(uncertainty).withFingerprint(image.fingerprint());
    }
}
