package dev.autolabel.label;

/** Outcome of one manifest row. FAILED rows keep their place in the output with an error code. */
public enum Status {
    OK,
    FAILED
}
