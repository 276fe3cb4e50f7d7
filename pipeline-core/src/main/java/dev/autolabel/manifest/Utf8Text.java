package dev.autolabel.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;

/** UTF-8 text from a byte stream, without a leading byte-order mark (spreadsheet exports often write one). */
final class Utf8Text {

    private static final int BUFFER_CHARS = 64 * 1024;
    private static final char BOM = '\uFEFF';

    private Utf8Text() {
    }

    /** Invalid UTF-8 sequences decode to U+FFFD rather than stopping the read. */
    static BufferedReader reader(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8), BUFFER_CHARS);
        reader.mark(1);
        if (reader.read() != BOM) {
            reader.reset();
        }
        return reader;
    }
}
