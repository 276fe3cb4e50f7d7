package dev.autolabel.image;

import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.util.List;

/** Child-JVM main for {@link NativeFallbackTest}: what the decoder factory does in this JVM. */
public final class NativeFallbackProbe {

    private NativeFallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        DecodeLimits limits = new DecodeLimits(1_000_000);
        List<InputSpec> targets = List.of(InputSpec.yolo(64, 64));
        System.out.println("unavailable: " + FastJpegDecoder.unavailableReason().isPresent());
        ImageDecoder auto = ImageDecoders.create(limits, new DecoderSettings(DecoderChoice.AUTO, true), targets);
        System.out.println("auto: " + auto.getClass().getSimpleName());
        RgbImage decoded = auto.decode(TestImages.canvas(512, 384, Color.RED).jpeg(90), "probe.jpg");
        System.out.println("decoded: " + decoded.width() + "x" + decoded.height() + " of " + decoded.originalWidth() + "x" + decoded.originalHeight());
        try {
            ImageDecoders.create(limits, new DecoderSettings(DecoderChoice.FAST, true), targets);
            System.out.println("fast: created");
        } catch (IllegalStateException e) {
            System.out.println("fast: refused: " + e.getMessage());
        }
    }
}
