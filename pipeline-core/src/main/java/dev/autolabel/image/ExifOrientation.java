package dev.autolabel.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the EXIF orientation tag (0x0112 in IFD0) from a JPEG's APP1 Exif segment, by hand: a full EXIF
 * library is a dependency for one short. Cameras store sensor-order pixels and set this tag instead of
 * rotating, so without it portrait photos reach the model sideways.
 */
public final class ExifOrientation {

    /** The orientation that needs no change (also what absent or unreadable tags mean). */
    public static final int NORMAL = 1;

    private static final int APP1 = 0xE1;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

    private ExifOrientation() {
    }

    /** The orientation 1..8 of a JPEG; {@link #NORMAL} when the bytes are not a JPEG or carry no valid tag. */
    public static int read(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return NORMAL;
        }
        for (JpegSegments.Segment s : JpegSegments.read(jpeg).segments()) {
            if (s.marker() == APP1 && s.payloadLength() >= EXIF_HEADER.length && Arrays.equals(jpeg, s.payloadOffset(),
                    s.payloadOffset() + EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length)) {
                int tiff = s.payloadOffset() + EXIF_HEADER.length;
                return fromTiff(jpeg, tiff, s.payloadOffset() + s.payloadLength());
            }
        }
        return NORMAL;
    }

    /** Reads the tag from the TIFF structure in {@code bytes[start, end)}; offsets in it are relative to {@code start}. */
    static int fromTiff(byte[] bytes, int start, int end) {
        if (end - start < 8) {
            return NORMAL;
        }
        boolean little;
        if (bytes[start] == 'I' && bytes[start + 1] == 'I') {
            little = true;
        } else if (bytes[start] == 'M' && bytes[start + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        if (u16(bytes, start + 2, little) != 42) {
            return NORMAL;
        }
        long ifd = u32(bytes, start + 4, little);
        if (ifd < 8 || ifd > end - start - 2) {
            return NORMAL;
        }
        int entries = start + (int) ifd + 2;
        int count = u16(bytes, entries - 2, little);
        for (int k = 0; k < count && entries + 12 * (k + 1) <= end; k++) {
            int e = entries + 12 * k;
            if (u16(bytes, e, little) == TAG_ORIENTATION) {
                return valid(valueOf(bytes, e, little));
            }
        }
        return NORMAL;
    }

    /** The value of a one-element SHORT or LONG entry: it sits in the first bytes of the 4-byte value field. */
    private static long valueOf(byte[] bytes, int entry, boolean little) {
        int type = u16(bytes, entry + 2, little);
        if (u32(bytes, entry + 4, little) != 1) {
            return NORMAL;
        }
        if (type == TYPE_SHORT) {
            return u16(bytes, entry + 8, little);
        }
        return type == TYPE_LONG ? u32(bytes, entry + 8, little) : NORMAL;
    }

    private static int valid(long orientation) {
        return orientation >= 1 && orientation <= 8 ? (int) orientation : NORMAL;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return little ? (b1 << 8) | b0 : (b0 << 8) | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, at + (little ? 2 : 0), little);
        long lo = u16(b, at + (little ? 0 : 2), little);
        return (hi << 16) | lo;
    }
}
