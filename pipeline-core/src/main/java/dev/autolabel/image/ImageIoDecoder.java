package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes with the JDK's ImageIO readers (JPEG, PNG, GIF, BMP, TIFF), safely:
 * <ol>
 *   <li>the format comes from the magic bytes, never the name, so an HTML page called {@code .jpg} is reported as such;</li>
 *   <li>width and height come from the header through the reader before any pixel is decoded, and images over
 *       {@link DecodeLimits#maxPixels()} are refused: a 100000x100000 PNG of a few hundred bytes never allocates
 *       (so no OutOfMemoryError for a bomb; an OOM on an image within the limit means the executor is too small
 *       and is deliberately not caught);</li>
 *   <li>a JPEG that ends before its End Of Image marker is CORRUPT_IMAGE, although ImageIO would decode it with
 *       grey fill and only a warning: a structural check, independent of the reader's warning texts;</li>
 *   <li>the EXIF orientation of JPEGs is applied, so width and height are those of the upright image.</li>
 * </ol>
 * One reader per call and no shared mutable state: thread-safe. Streams are memory-backed (no temp files).
 */
public final class ImageIoDecoder implements ImageDecoder {

    private final DecodeLimits limits;

    public ImageIoDecoder(DecodeLimits limits) {
        this.limits = requireNonNull(limits, "limits");
    }

    @Override
    public RgbImage decode(byte[] bytes, String uri) throws LabelingException {
        requireNonNull(bytes, "bytes");
        requireNonNull(uri, "uri");
        if (bytes.length == 0) {
            throw new LabelingException(ErrorCode.EMPTY_OBJECT, uri + ": zero bytes");
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new LabelingException(ErrorCode.CORRUPT_IMAGE,
                uri + ": not an image: the bytes look like " + UnrecognisedBytes.describe(bytes)));
        if (format == ImageFormat.JPEG && JpegSegments.isTruncated(bytes)) {
            throw new LabelingException(ErrorCode.CORRUPT_IMAGE, uri + ": truncated JPEG (no End Of Image marker after the image data)");
        }
        ImageReader reader = readerFor(format).orElseThrow(() -> new LabelingException(ErrorCode.UNSUPPORTED_FORMAT,
                uri + ": " + format + " images are not supported by this build (no ImageIO reader)"));
        RgbImage decoded = RgbConverter.toRgb(read(reader, bytes, format, uri));
        return format == ImageFormat.JPEG ? Orientation.apply(decoded, ExifOrientation.read(bytes)) : decoded;
    }

    private static Optional<ImageReader> readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        return readers.hasNext() ? Optional.of(readers.next()) : Optional.empty();
    }

    private BufferedImage read(ImageReader reader, byte[] bytes, ImageFormat format, String uri) throws LabelingException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            // Metadata is not needed (EXIF is parsed separately) and skipping it avoids inflating text chunks.
            reader.setInput(in, true, true);
            limits.check(reader.getWidth(0), reader.getHeight(0), format, uri);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            // Readers throw runtime exceptions too (index out of bounds, negative sizes) on crafted input.
            throw failure(e, format, uri);
        } finally {
            reader.dispose();
        }
    }

    private static LabelingException failure(Exception e, ImageFormat format, String uri) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (reason.contains("Unsupported Image Type")) {
            // The JPEG reader's answer for colour layouts it has no model for (e.g. 2-channel, some YCCK files).
            return new LabelingException(ErrorCode.UNSUPPORTED_FORMAT,
                    uri + ": " + format + " with a colour layout ImageIO cannot decode (" + reason + ")", e);
        }
        return new LabelingException(ErrorCode.CORRUPT_IMAGE, uri + ": " + format + " could not be decoded: " + reason, e);
    }
}
