package dev.autolabel.merge;

/** Range checks whose messages name the config key, shared by the parameter records. */
final class Ranges {

    private Ranges() {
    }

    static void unit(String key, float value) {
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + value);
        }
    }

    static void nonNegative(String key, float value) {
        if (!(value >= 0f) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number >= 0, got " + value);
        }
    }
}
