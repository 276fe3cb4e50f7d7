package dev.autolabel.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Image container formats recognised from their magic bytes. The file name or content type is never
 * trusted: an HTML error page saved as {@code .jpg} must not reach an image reader as a JPEG.
 */
public enum ImageFormat {
    JPEG("jpeg"),
    PNG("png"),
    GIF("gif"),
    BMP("bmp"),
    TIFF("tiff"),
    WEBP("webp"),
    /** HEIC/HEIF and AVIF (ISO base media "ftyp" box), common from phones; no ImageIO reader in the JDK. */
    HEIF("heif");

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The format name ImageIO readers are registered under. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The format the bytes start with, or empty when no known signature matches. */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWithAscii(bytes, 0, "GIF87a") || startsWithAscii(bytes, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (startsWithAscii(bytes, 0, "BM") && bytes.length >= 26) {
            return Optional.of(BMP);
        }
        if (startsWith(bytes, 0, 'I', 'I', 42, 0) || startsWith(bytes, 0, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        if (startsWithAscii(bytes, 0, "RIFF") && startsWithAscii(bytes, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (startsWithAscii(bytes, 4, "ftyp") && isHeifBrand(bytes)) {
            return Optional.of(HEIF);
        }
        return Optional.empty();
    }

    private static boolean isHeifBrand(byte[] bytes) {
        for (String brand : new String[] {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"}) {
            if (startsWithAscii(bytes, 8, brand)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAscii(byte[] bytes, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
