package dev.autolabel.spark.report;

/**
 * How the two passes agreed over a run. {@code gapFills}: pass-2 labels where pass 1 had nothing;
 * {@code fineLabels}: pass-1 labels pass 2 named differently; {@code unconfirmed}/{@code confirmed}: pass-1
 * labels without/with a strongly overlapping pass-2 box (counted only where pass 2 ran).
 */
public record Agreement(boolean openVocabRan, long gapFills, long fineLabels, long confirmed, long unconfirmed) {

    public Agreement {
        if (gapFills < 0 || fineLabels < 0 || confirmed < 0 || unconfirmed < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}
