package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

/**
 * How images are decoded: {@code image.decoder} and {@code image.dct-scaling} (JPEGs decoded at 1/2, 1/4 or 1/8
 * scale when the model inputs are small enough that no detail the model could see is lost).
 */
public record DecoderSettings(DecoderChoice decoder, boolean dctScaling) {

    public DecoderSettings {
        requireNonNull(decoder, "decoder");
    }

    /** The defaults of reference.conf: the fast path when available, with DCT scaling. */
    public static DecoderSettings defaults() {
        return new DecoderSettings(DecoderChoice.AUTO, true);
    }
}
