package dev.autolabel.model;

/** How a text encoder's output becomes one vector per prompt. */
public enum Pooling {
    /** Per-token output {@code [1,T,D]}: mean over the tokens the attention mask marks as real. */
    MEAN("mean"),
    /** Per-token output: the first token (BERT-style [CLS]). */
    FIRST("first"),
    /** Per-token output: the last real token (CLIP-style end-of-text). */
    LAST("last"),
    /** The output is already one vector per sequence, {@code [1,D]}. */
    NONE("none");

    private final String configName;

    Pooling(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Pooling fromConfigName(String name) {
        for (Pooling p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be mean, first, last or none, got '" + name + "'");
    }
}
