package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

/** How many labels of one class a run produced, by source (pass 1 precise, pass 2 open-vocab). */
public record ClassCount(String label, long precise, long openVocab) {

    public ClassCount {
        requireNonNull(label, "label");
        if (precise < 0 || openVocab < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public long total() {
        return precise + openVocab;
    }

    public double preciseShare() {
        return total() == 0 ? 0 : (double) precise / total();
    }
}
