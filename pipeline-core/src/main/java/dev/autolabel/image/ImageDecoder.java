package dev.autolabel.image;

import dev.autolabel.label.LabelingException;

/**
 * Turns encoded image bytes into an upright {@link RgbImage}. Refuses images whose header claims more
 * pixels than the configured limit before allocating pixel memory. Implementations are thread-safe.
 */
public interface ImageDecoder {

    /**
     * @param uri used only in error messages
     * @throws LabelingException with EMPTY_OBJECT, CORRUPT_IMAGE, UNSUPPORTED_FORMAT or DECOMPRESSION_BOMB
     */
    RgbImage decode(byte[] bytes, String uri) throws LabelingException;
}
