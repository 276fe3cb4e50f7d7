package dev.autolabel.spark.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streaming JSON output shared by the JSON exports. */
final class Json {

    static final JsonFactory FACTORY = new JsonFactory();
    private static final SerializedString COMMA = new SerializedString(",");

    private Json() {
    }

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    static JsonGenerator generator(Path file) throws IOException {
        return FACTORY.createGenerator(file.toFile(), JsonEncoding.UTF8);
    }

    /**
     * A generator for a chunk: JSON values separated by commas and nothing around them ({@code {..},{..}}), exactly
     * as they appear inside an array, so chunks can be spliced into an array byte for byte.
     */
    static JsonGenerator chunkGenerator(Path file) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(file.toFile(), JsonEncoding.UTF8);
        g.setRootValueSeparator(COMMA);
        return g;
    }

    /**
     * Appends the values of {@code chunk} to an array being written to {@code out}, after a comma when the array
     * already holds values. An empty chunk adds nothing.
     */
    static void splice(Path chunk, OutputStream out, boolean arrayHasValues) throws IOException {
        if (Files.size(chunk) == 0) {
            return;
        }
        if (arrayHasValues) {
            out.write(',');
        }
        Files.copy(chunk, out);
    }

    /** Closes without writing the missing end markers, so an unfinished file stays visibly incomplete. */
    static void closeUnfinished(JsonGenerator g) {
        if (g == null) {
            return;
        }
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        try {
            g.close();
        } catch (IOException e) {
            // best effort: the export already failed with its own error
        }
    }
}
