package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationTest {

    /** Where the TIFF header starts in a JPEG with the Exif segment right after SOI: SOI, marker, length, "Exif\0\0". */
    private static final int TIFF = 2 + 2 + 2 + 6;
    private static final byte[] JPEG = TestImages.canvas(16, 8, Color.GRAY).jpeg(90);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsEveryOrientationInBothByteOrders(int orientation) {
        assertEquals(orientation, ExifOrientation.read(TestImages.withExifOrientation(JPEG, orientation, ByteOrder.BIG_ENDIAN)));
        assertEquals(orientation, ExifOrientation.read(TestImages.withExifOrientation(JPEG, orientation, ByteOrder.LITTLE_ENDIAN)));
    }

    @Test
    void segmentsReallyUseBothByteOrders() {
        // Read in the wrong order, the value 6 would be 0x0600 and the tag 0x1201: the parser must honour the mark.
        byte[] big = TestImages.withExifOrientation(JPEG, 6, ByteOrder.BIG_ENDIAN);
        byte[] little = TestImages.withExifOrientation(JPEG, 6, ByteOrder.LITTLE_ENDIAN);
        assertEquals('M', big[TIFF]);
        assertEquals('I', little[TIFF]);
        assertEquals(6, ExifOrientation.read(big));
        assertEquals(6, ExifOrientation.read(little));
    }

    @Test
    void absentTagOrNoExifIsNormal() {
        assertEquals(1, ExifOrientation.read(JPEG));
        assertEquals(1, ExifOrientation.read(TestImages.canvas(4, 4, Color.GRAY).png()));
        assertEquals(1, ExifOrientation.read(new byte[0]));
        assertEquals(1, ExifOrientation.read(TestImages.insertApp1(JPEG, tiffWithOneEntry(ByteOrder.BIG_ENDIAN, 0x010F, 3, 6))));
    }

    @Test
    void outOfRangeValuesAreNormal() {
        assertEquals(1, ExifOrientation.read(TestImages.withExifOrientation(JPEG, 0, ByteOrder.BIG_ENDIAN)));
        assertEquals(1, ExifOrientation.read(TestImages.withExifOrientation(JPEG, 9, ByteOrder.LITTLE_ENDIAN)));
    }

    @Test
    void orientationStoredAsLongIsRead() {
        assertEquals(8, ExifOrientation.read(TestImages.insertApp1(JPEG, tiffWithOneEntry(ByteOrder.LITTLE_ENDIAN, 0x0112, 4, 8))));
        assertEquals(5, ExifOrientation.read(TestImages.insertApp1(JPEG, tiffWithOneEntry(ByteOrder.BIG_ENDIAN, 0x0112, 4, 5))));
    }

    @Test
    void exifAfterAnotherApp1SegmentIsFound() {
        byte[] xmp = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".getBytes(StandardCharsets.US_ASCII);
        byte[] both = TestImages.insertApp1(TestImages.withExifOrientation(JPEG, 6, ByteOrder.BIG_ENDIAN), xmp);
        assertEquals(6, ExifOrientation.read(both));
    }

    @Test
    void damagedExifIsNormalNotAnException() {
        byte[] good = TestImages.withExifOrientation(JPEG, 6, ByteOrder.LITTLE_ENDIAN);
        // Cut the file inside the Exif segment (TIFF header, IFD count, two entries, next-IFD offset), at every length.
        int segmentEnd = TIFF + 8 + 2 + 2 * 12 + 4;
        for (int keep = 0; keep < segmentEnd; keep++) {
            assertEquals(1, ExifOrientation.read(Arrays.copyOf(good, keep)), "cut at " + keep);
        }
        assertEquals(6, ExifOrientation.read(Arrays.copyOf(good, segmentEnd)), "a complete segment is enough");
        byte[] badIfdOffset = good.clone();
        badIfdOffset[TIFF + 4] = (byte) 0xF0; // IFD0 offset far beyond the segment
        assertEquals(1, ExifOrientation.read(badIfdOffset));
        byte[] badMagic = good.clone();
        badMagic[TIFF + 2] = 43;
        assertEquals(1, ExifOrientation.read(badMagic));
        byte[] hugeCount = good.clone();
        hugeCount[TIFF + 8] = (byte) 0xFF;
        hugeCount[TIFF + 9] = (byte) 0xFF;
        // A count beyond the segment: entries are read only while they fit, the first two are still valid.
        assertEquals(6, ExifOrientation.read(hugeCount));
    }

    /** "Exif\0\0" + a TIFF header and IFD0 with a single entry of count 1. */
    private static byte[] tiffWithOneEntry(ByteOrder order, int tag, int type, int value) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(order);
        b.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        byte mark = (byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M');
        b.put(mark).put(mark).putShort((short) 42).putInt(8).putShort((short) 1);
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 4) {
            b.putInt(value);
        } else {
            b.putShort((short) value).putShort((short) 0);
        }
        return b.putInt(0).array();
    }
}
