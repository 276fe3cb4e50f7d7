package dev.autolabel.image;

import java.util.Optional;

/**
 * The frame header (SOFn) of a JPEG: coding process, sample precision, size and component count, read from the
 * header segments without decoding anything. It tells the fast decoder whether it can take the image and how
 * many pixels the image claims before any pixel memory is allocated.
 *
 * @param marker the SOF marker byte (0xC0 baseline, 0xC1 extended, 0xC2 progressive, ...)
 * @param height lines as declared; 0 means "defined later by a DNL marker"
 */
record JpegFrame(int marker, int precision, int width, int height, int components) {

    private static final int BASELINE = 0xC0;
    private static final int EXTENDED = 0xC1;
    private static final int PROGRESSIVE = 0xC2;

    /** The frame header of a JPEG (the caller has checked the signature); empty when the headers hold none. */
    static Optional<JpegFrame> read(byte[] jpeg) {
        for (JpegSegments.Segment s : JpegSegments.read(jpeg).segments()) {
            if (isStartOfFrame(s.marker()) && s.payloadLength() >= 6) {
                int p = s.payloadOffset();
                return Optional.of(new JpegFrame(s.marker(), jpeg[p] & 0xFF, u16(jpeg, p + 3), u16(jpeg, p + 1), jpeg[p + 5] & 0xFF));
            }
        }
        return Optional.empty();
    }

    /**
     * True for what libjpeg-turbo decodes to 8-bit RGB with DCT scaling and ImageIO reads the same way: Huffman-coded
     * baseline, extended or progressive, 8-bit, grey or three-component, with a size in the header.
     * Anything else (arithmetic coding, lossless, 12-bit, CMYK/YCCK, DNL height) is left to ImageIO.
     */
    boolean isCommonPhoto() {
        boolean huffmanDct = marker == BASELINE || marker == EXTENDED || marker == PROGRESSIVE;
        return huffmanDct && precision == 8 && (components == 1 || components == 3) && width > 0 && height > 0;
    }

    long pixels() {
        return (long) width * height;
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
