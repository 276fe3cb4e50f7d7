package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDecodersTest {

    private static final DecodeLimits LIMITS = new DecodeLimits(100_000_000);
    private static final List<InputSpec> TARGETS = List.of(InputSpec.yolo(64, 64));
    private static final byte[] JPEG = TestImages.canvas(512, 384, new Color(100, 120, 140)).jpeg(90);

    @Test
    void autoTakesTheFastPathWhereItsLibraryLoads() throws Exception {
        ImageDecoder d = ImageDecoders.create(LIMITS, new DecoderSettings(DecoderChoice.AUTO, true), TARGETS);
        assertInstanceOf(FastJpegDecoder.class, d);
        assertEquals(64, d.decode(JPEG, "u").width(), "DCT-scaled to 1/8 for a 64x64 input");
    }

    @Test
    void dctScalingOffDecodesFullSize() throws Exception {
        ImageDecoder d = ImageDecoders.create(LIMITS, new DecoderSettings(DecoderChoice.FAST, false), TARGETS);
        assertInstanceOf(FastJpegDecoder.class, d);
        assertEquals(512, d.decode(JPEG, "u").width());
    }

    @Test
    void imageIoIsTheJdkDecoder() throws Exception {
        ImageDecoder d = ImageDecoders.create(LIMITS, new DecoderSettings(DecoderChoice.IMAGEIO, true), TARGETS);
        assertInstanceOf(ImageIoDecoder.class, d);
        assertEquals(512, d.decode(JPEG, "u").width());
    }
}
