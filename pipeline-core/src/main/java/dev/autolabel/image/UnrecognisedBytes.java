package dev.autolabel.image;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Says what bytes that are not an image look like, for error messages: the usual culprit is an HTML or
 * XML error page (a proxy, an expired signed URL, S3's AccessDenied body) stored under an image name.
 */
final class UnrecognisedBytes {

    private static final int SNIPPET = 32;

    private UnrecognisedBytes() {
    }

    /** For example {@code an HTML page (starts "<!DOCTYPE html><html>")}. */
    static String describe(byte[] bytes) {
        if (isText(bytes)) {
            String text = asciiPrefix(bytes);
            return kindOfText(text.toLowerCase(Locale.ROOT)) + " (starts \"" + text + "\")";
        }
        return kindOfBinary(bytes) + " (first bytes " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(16, bytes.length)) + ")";
    }

    private static String kindOfText(String lower) {
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
            return "an HTML page";
        }
        if (lower.startsWith("<?xml") || lower.startsWith("<")) {
            return "an XML document";
        }
        if (lower.startsWith("{") || lower.startsWith("[")) {
            return "JSON";
        }
        return "text";
    }

    private static String kindOfBinary(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            return "gzip data";
        }
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return "a ZIP archive";
        }
        if (bytes.length >= 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F') {
            return "a PDF document";
        }
        return "unrecognised binary data";
    }

    /** True when the first bytes are printable ASCII, whitespace or UTF-8 (a BOM allowed). */
    private static boolean isText(byte[] bytes) {
        int start = hasBom(bytes) ? 3 : 0;
        int end = Math.min(bytes.length, start + 256);
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xFF;
            boolean printable = b >= 0x20 && b < 0x7F || b == '\n' || b == '\r' || b == '\t' || b >= 0x80;
            if (!printable) {
                return false;
            }
        }
        return true;
    }

    private static String asciiPrefix(byte[] bytes) {
        int start = hasBom(bytes) ? 3 : 0;
        int end = Math.min(bytes.length, start + SNIPPET);
        String s = new String(bytes, start, end - start, StandardCharsets.US_ASCII);
        return s.replaceAll("[^\\x20-\\x7E]", " ").strip();
    }

    private static boolean hasBom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }
}
