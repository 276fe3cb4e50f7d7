package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabelingException;
import java.util.List;
import java.util.Optional;

/**
 * Decodes common photo JPEGs with libjpeg-turbo (through OpenCV's native {@code imdecode}), optionally at a reduced
 * DCT scale chosen for the model inputs, and everything else with {@link ImageIoDecoder}:
 * <ul>
 *   <li>the pixel limit is checked on the frame header's size before anything is decoded, with ImageIO's
 *       error code and message;</li>
 *   <li>PNG, GIF, ..., JPEGs that are truncated, 12-bit, CMYK, arithmetic-coded or lossless, JPEGs with stray markers
 *       in their scans ({@link JpegScans}), and any file the native decoder rejects go to ImageIO, so failures carry
 *       the same error codes on both paths;</li>
 *   <li>the EXIF orientation is applied as on the ImageIO path;</li>
 *   <li>a reduced decode keeps the full upright size as {@link RgbImage#originalWidth()}/{@code originalHeight()},
 *       so sizes and boxes stay in original pixels.</li>
 * </ul>
 * Thread-safe: the native buffers are per thread.
 */
public final class FastJpegDecoder implements ImageDecoder {

    private final DecodeLimits limits;
    private final ScaleTargets targets;
    private final ImageIoDecoder fallback;

    /**
     * @param targets the model inputs decoded images go to; a JPEG is decoded at the smallest DCT scale that still
     *     covers its area in each ({@link DctScale}); empty: always full size
     * @throws IllegalStateException when the native library cannot be loaded (see {@link #unavailableReason()})
     */
    public FastJpegDecoder(DecodeLimits limits, List<InputSpec> targets) {
        this(limits, ScaleTargets.wholeImage(targets));
    }

    /**
     * @param targets per image size, the regions decoded images go to (the whole image, tiles); a JPEG is decoded at
     *     the smallest DCT scale that still covers each ({@link DctScale#denominatorFor})
     * @throws IllegalStateException when the native library cannot be loaded (see {@link #unavailableReason()})
     */
    public FastJpegDecoder(DecodeLimits limits, ScaleTargets targets) {
        this.limits = requireNonNull(limits, "limits");
        this.targets = requireNonNull(targets, "targets");
        this.fallback = new ImageIoDecoder(limits);
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("the fast JPEG decoder's native library (OpenCV/libjpeg-turbo) does not load: " + reason);
        });
    }

    /** Why the native library cannot be used in this JVM; empty when it can. */
    public static Optional<String> unavailableReason() {
        return OpenCvJpeg.loadFailure();
    }

    @Override
    public RgbImage decode(byte[] bytes, String uri) throws LabelingException {
        requireNonNull(bytes, "bytes");
        requireNonNull(uri, "uri");
        if (ImageFormat.sniff(bytes).orElse(null) != ImageFormat.JPEG) {
            return fallback.decode(bytes, uri);
        }
        Optional<JpegFrame> frame = JpegFrame.read(bytes);
        if (frame.isEmpty() || !frame.get().isCommonPhoto() || !JpegScans.wellFormed(bytes)) {
            return fallback.decode(bytes, uri);
        }
        JpegFrame f = frame.get();
        limits.check(f.width(), f.height(), ImageFormat.JPEG, uri);
        int orientation = ExifOrientation.read(bytes);
        boolean swaps = orientation >= 5;
        int uprightW = swaps ? f.height() : f.width();
        int uprightH = swaps ? f.width() : f.height();
        int denominator = DctScale.denominatorFor(uprightW, uprightH, targets.of(uprightW, uprightH));
        Optional<RgbImage> stored = OpenCvJpeg.decode(bytes, denominator, f.width(), f.height());
        if (stored.isEmpty()) {
            return fallback.decode(bytes, uri);
        }
        return Orientation.apply(stored.get(), orientation);
    }
}
