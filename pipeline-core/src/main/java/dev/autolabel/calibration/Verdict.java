package dev.autolabel.calibration;

import java.util.Locale;

/** What a review said about one label. Only {@link #CORRECT} counts as a true positive. */
public enum Verdict {
    /** Kept with its class, the box unchanged or moved a little (IoU with the final box at least the review IoU). */
    CORRECT,
    /** Kept, but the reviewer changed its class. */
    WRONG_LABEL,
    /** Kept with its class, but the reviewer moved the box so far that the label's box misses the object. */
    MISPLACED,
    /** Deleted by the reviewer: nothing there, or a duplicate. */
    REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
