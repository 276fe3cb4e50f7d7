package dev.autolabel.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks the marker structure of a JPEG from its first scan to End Of Image: inside entropy-coded data a 0xFF byte
 * may only be followed by a stuffed 0x00, a restart marker or fill; between scans only the segments a progressive
 * or multi-scan file uses may appear (tables, restart interval, comments, application data, the next scan).
 * libjpeg-turbo as OpenCV drives it decodes a file with a stray marker in its scan data (grey-filling the rest and
 * printing a warning) where ImageIO's reader fails; files this check rejects go to ImageIO, so both paths give
 * the same result. Corrupt Huffman codes without stray markers decode, with a warning, on both paths.
 */
final class JpegScans {

    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private JpegScans() {
    }

    /** True when every marker from the first scan on is one a decoder expects there, up to an EOI. */
    static boolean wellFormed(byte[] jpeg) {
        JpegSegments.Headers headers = JpegSegments.read(jpeg);
        if (headers.end() != JpegSegments.End.SCAN) {
            return false;
        }
        int i = headers.scanStart();
        while (true) {
            i = nextFF(jpeg, i);
            if (i + 1 >= jpeg.length) {
                return false;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0x00 || marker >= 0xD0 && marker <= 0xD7 || marker == 0xFF) {
                i += marker == 0xFF ? 1 : 2;
            } else if (marker == EOI) {
                return true;
            } else if (mayFollowAScan(marker)) {
                if (i + 4 > jpeg.length) {
                    return false;
                }
                int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
                if (length < 2) {
                    return false;
                }
                i += 2 + length;
            } else {
                return false;
            }
        }
    }

    /** DHT, DAC, DQT, DNL, DRI, SOS, APPn and COM; a second frame header (SOFn) or anything else is not. */
    private static boolean mayFollowAScan(int marker) {
        return marker == 0xC4 || marker == 0xCC || marker == 0xDB || marker == 0xDC || marker == 0xDD || marker == SOS
                || marker >= 0xE0 && marker <= 0xEF || marker == 0xFE;
    }

    /**
     * The index of the next 0xFF byte at or after {@code from}, or {@code length} if none: eight bytes at a time
     * (a word of ~bytes has a zero byte exactly where the bytes hold 0xFF), since photo scan data is megabytes with
     * a 0xFF every few hundred bytes.
     */
    static int nextFF(byte[] b, int from) {
        int i = Math.max(from, 0);
        for (; i + 8 <= b.length; i += 8) {
            long inverted = ~(long) LONGS.get(b, i);
            long zeroBytes = (inverted - ONES) & ~inverted & HIGHS;
            if (zeroBytes != 0) {
                return i + Long.numberOfTrailingZeros(zeroBytes) / 8;
            }
        }
        for (; i < b.length; i++) {
            if (b[i] == (byte) 0xFF) {
                return i;
            }
        }
        return b.length;
    }
}
