package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class JpegScansTest {

    private static byte[] jpeg() {
        return TestImages.canvas(120, 80, new Color(128, 128, 128)).fill(10, 10, 60, 50, Color.RED).jpeg(90);
    }

    @Test
    void cleanBaselineAndProgressiveFilesAreWellFormed() throws Exception {
        assertTrue(JpegScans.wellFormed(jpeg()));
        assertTrue(JpegScans.wellFormed(progressive()), "several scans with tables between them");
        byte[] trailing = Arrays.copyOf(jpeg(), jpeg().length + 32);
        Arrays.fill(trailing, jpeg().length, trailing.length, (byte) 0x13);
        assertTrue(JpegScans.wellFormed(trailing), "vendor data after EOI is not looked at");
    }

    @Test
    void strayMarkersInScanDataAreNot() {
        byte[] stray = jpeg();
        int mid = stray.length - 100;
        stray[mid] = (byte) 0xFF;
        stray[mid + 1] = 0x13;
        assertFalse(JpegScans.wellFormed(stray));
        byte[] secondFrame = jpeg();
        secondFrame[mid] = (byte) 0xFF;
        secondFrame[mid + 1] = (byte) 0xC0;
        assertFalse(JpegScans.wellFormed(secondFrame));
    }

    @Test
    void aFileWithoutEndOfImageIsNot() {
        byte[] jpeg = jpeg();
        assertFalse(JpegScans.wellFormed(Arrays.copyOf(jpeg, jpeg.length - 2)));
        assertFalse(JpegScans.wellFormed(Arrays.copyOf(jpeg, 300)));
    }

    @Test
    void wordAtATimeSearchFindsEveryFf() {
        Random random = new Random(5);
        for (int n = 0; n < 200; n++) {
            byte[] bytes = new byte[random.nextInt(64)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(6) == 0 ? (byte) 0xFF : (byte) random.nextInt(255);
            }
            for (int from = 0; from <= bytes.length; from++) {
                assertEquals(naiveNextFf(bytes, from), JpegScans.nextFF(bytes, from), Arrays.toString(bytes) + " from " + from);
            }
        }
    }

    private static int naiveNextFf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == (byte) 0xFF) {
                return i;
            }
        }
        return b.length;
    }

    private static byte[] progressive() throws Exception {
        BufferedImage image = TestImages.canvas(120, 80, new Color(40, 90, 200)).fill(30, 20, 90, 60, Color.YELLOW).bufferedImage();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        int scans = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                scans++;
            }
        }
        assertTrue(scans > 1, "progressive: " + scans + " scans");
        return jpeg;
    }
}
