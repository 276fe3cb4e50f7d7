package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;

/**
 * One box of a reviewed image as the reviewer left it, in original pixels: {@code id} is the region id (the label
 * id for a label the reviewer kept, a new id for a box they drew).
 */
public record FinalRegion(String id, String label, Box box) {

    public FinalRegion {
        requireNonNull(id, "id");
        requireNonNull(label, "label");
        requireNonNull(box, "box");
    }
}
