package dev.autolabel.model;

/** Which of the two passes a model serves: decides the families allowed and the config keys messages name. */
public enum Pass {
    PRECISION("precision"),
    OPEN_VOCAB("open-vocab");

    private final String configKey;

    Pass(String configKey) {
        this.configKey = configKey;
    }

    /** The config section of this pass, e.g. {@code precision}. */
    public String configKey() {
        return configKey;
    }
}
