package dev.autolabel.quality;

/** The label sets evaluated against ground truth: each pass alone, their plain union, the merge, a run's output. */
public enum Variant {
    PASS1("pass1", "pass 1 only"),
    PASS2("pass2", "pass 2 only"),
    UNION("union_nms", "union + NMS"),
    GAP_FILL("gap_fill", "gap-fill merge"),
    RUN("run", "run output");

    private final String key;
    private final String title;

    Variant(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** Name in the evaluation JSON. */
    public String key() {
        return key;
    }

    /** Name in the printed table. */
    public String title() {
        return title;
    }
}
