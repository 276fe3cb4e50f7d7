package dev.autolabel.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review score on the output record: in [0, 1] for OK rows, always 0 on FAILED rows. */
class LabeledImageTest {

    private static final Provenance P = new Provenance("r", Map.of(), "cfg", LabeledImage.SCHEMA_VERSION);
    private static final Instant AT = Instant.parse("2026-11-25T06:00:00Z");

    @Test
    void okRowsStartAtZeroAndTakeAScoreInTheUnitRange() {
        LabeledImage ok = LabeledImage.ok("a", "s3://b/a.jpg", 10, 10, List.of(), P, AT, Map.of());
        assertEquals(0f, ok.uncertainty());
        assertEquals(0.25f, ok.withUncertainty(0.25f).uncertainty());
        assertEquals(1f, ok.withUncertainty(1f).uncertainty());
        assertThrows(IllegalArgumentException.class, () -> ok.withUncertainty(1.01f));
        assertThrows(IllegalArgumentException.class, () -> ok.withUncertainty(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> ok.withUncertainty(Float.NaN));
    }

    @Test
    void failedRowsAreNotScored() {
        LabeledImage failed = LabeledImage.failed("c", "s3://b/c.jpg", ErrorCode.NOT_FOUND, "gone", P, AT, Map.of());
        assertEquals(0f, failed.uncertainty());
        assertThrows(IllegalArgumentException.class, () -> failed.withUncertainty(0.5f));
    }
}
