package dev.autolabel.label;

/** Which pass produced a label. The wire name is what output files and reports carry. */
public enum Source {
    PRECISE("precise"),
    OPEN_VOCAB("open_vocab");

    private final String wireName;

    Source(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Source fromWireName(String name) {
        for (Source s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown label source '" + name + "' (expected precise or open_vocab)");
    }
}
