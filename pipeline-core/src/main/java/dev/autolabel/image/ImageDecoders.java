package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns {@code image.decoder} and {@code image.dct-scaling} into an {@link ImageDecoder}. */
public final class ImageDecoders {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoders.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private ImageDecoders() {
    }

    /**
     * @param targets the model inputs the images are for (both passes); with DCT scaling on, JPEGs are decoded at
     *     the smallest scale that still covers each
     * @throws IllegalStateException for {@code image.decoder = fast} when the native library does not load
     */
    public static ImageDecoder create(DecodeLimits limits, DecoderSettings settings, List<InputSpec> targets) {
        return create(limits, settings, ScaleTargets.wholeImage(targets));
    }

    /**
     * As {@link #create(DecodeLimits, DecoderSettings, List)} for images whose regions go to the models separately
     * (tiled inference): with DCT scaling on, a JPEG is decoded at the smallest scale that still covers every region.
     */
    public static ImageDecoder create(DecodeLimits limits, DecoderSettings settings, ScaleTargets targets) {
        requireNonNull(limits, "limits");
        requireNonNull(targets, "targets");
        ScaleTargets scaleFor = settings.dctScaling() ? targets : ScaleTargets.none();
        return switch (settings.decoder()) {
            case IMAGEIO -> new ImageIoDecoder(limits);
            case FAST -> fast(limits, scaleFor);
            case AUTO -> {
                Optional<String> failure = FastJpegDecoder.unavailableReason();
                if (failure.isEmpty()) {
                    yield new FastJpegDecoder(limits, scaleFor);
                }
                if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                    LOG.warn("image.decoder = auto: the fast JPEG decoder is unavailable ({}); decoding with ImageIO", failure.get());
                }
                yield new ImageIoDecoder(limits);
            }
        };
    }

    private static ImageDecoder fast(DecodeLimits limits, ScaleTargets targets) {
        try {
            return new FastJpegDecoder(limits, targets);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("image.decoder = fast, but " + e.getMessage()
                    + " (use image.decoder = auto to fall back to ImageIO)", e);
        }
    }
}
