package dev.autolabel.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The marker segments of a JPEG up to its first scan (SOS), read without decoding anything.
 * Used to find the Exif segment and to tell a truncated file from a complete one.
 */
final class JpegSegments {

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    /** One marker segment; its payload excludes the marker and the two length bytes. */
    record Segment(int marker, int payloadOffset, int payloadLength) {
    }

    /** How the walk over the header segments ended. */
    enum End {
        /** Reached the first scan: {@code scanStart} is where its entropy-coded data begins. */
        SCAN,
        /** The bytes ended inside the headers. */
        RAN_OUT,
        /** Something other than a marker where one was expected; ImageIO's reader may still cope. */
        UNPARSEABLE
    }

    record Headers(List<Segment> segments, End end, int scanStart) {
    }

    private JpegSegments() {
    }

    /** Walks the segments after SOI; the caller has checked the JPEG signature. */
    static Headers read(byte[] jpeg) {
        List<Segment> segments = new ArrayList<>();
        int i = 2;
        while (true) {
            if (i + 4 > jpeg.length) {
                return new Headers(segments, End.RAN_OUT, -1);
            }
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return new Headers(segments, End.UNPARSEABLE, -1);
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (isStandalone(marker)) {
                i += 2;
                continue;
            }
            if (marker == EOI) {
                return new Headers(segments, End.UNPARSEABLE, -1);
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (length < 2) {
                return new Headers(segments, End.UNPARSEABLE, -1);
            }
            int next = i + 2 + length;
            if (next > jpeg.length) {
                return new Headers(segments, End.RAN_OUT, -1);
            }
            segments.add(new Segment(marker, i + 4, length - 2));
            if (marker == SOS) {
                return new Headers(segments, End.SCAN, next);
            }
            i = next;
        }
    }

    /**
     * True when the file positively ends before its End Of Image marker: inside the headers, or with no
     * FF D9 after the first scan starts. Byte stuffing (FF 00) means FF D9 inside scan data can only be
     * a real marker; searching backwards finds it at once, even with vendor data appended after EOI.
     * Headers this walk cannot parse give false: ImageIO's reader then has the last word.
     */
    static boolean isTruncated(byte[] jpeg) {
        Headers headers = read(jpeg);
        if (headers.end() == End.RAN_OUT) {
            return true;
        }
        if (headers.end() == End.UNPARSEABLE) {
            return false;
        }
        for (int i = jpeg.length - 2; i >= headers.scanStart(); i--) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == EOI) {
                return false;
            }
        }
        return true;
    }

    /** Markers without a length field: TEM, RST0..7 and a stray SOI. */
    private static boolean isStandalone(int marker) {
        return marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7);
    }
}
