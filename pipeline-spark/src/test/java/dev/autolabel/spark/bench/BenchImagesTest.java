package dev.autolabel.spark.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.image.DecodeLimits;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.image.RgbImage;
import org.junit.jupiter.api.Test;

class BenchImagesTest {

    @Test
    void photosAreDeterministicJpegsOfTheSize() throws Exception {
        byte[] a = BenchImages.photo(320, 240, 7);
        assertArrayEquals(a, BenchImages.photo(320, 240, 7));
        RgbImage decoded = new ImageIoDecoder(new DecodeLimits(1_000_000)).decode(a, "photo");
        assertEquals(320, decoded.width());
        assertEquals(240, decoded.height());
    }

    @Test
    void photosCompressLikeCameraPhotosNotLikeFlatGraphics() {
        double bitsPerPixel = BenchImages.photo(640, 480, 3).length * 8.0 / (640 * 480);
        assertTrue(bitsPerPixel > 1.0 && bitsPerPixel < 4.0, "bits per pixel " + bitsPerPixel);
    }

    @Test
    void chromaIsSubsampledFourTwoZeroAsInCameraJpegs() {
        byte[] jpeg = BenchImages.photo(64, 64, 1);
        int sof = 2;
        while ((jpeg[sof + 1] & 0xFF) != 0xC0) {
            sof += 2 + (((jpeg[sof + 2] & 0xFF) << 8) | (jpeg[sof + 3] & 0xFF));
        }
        int components = jpeg[sof + 9] & 0xFF;
        assertEquals(3, components);
        assertEquals(0x22, jpeg[sof + 11] & 0xFF, "luma sampled 2x2 against chroma");
        assertEquals(0x11, jpeg[sof + 14] & 0xFF);
    }
}
