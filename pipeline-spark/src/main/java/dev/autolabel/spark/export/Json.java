package dev.autolabel.spark.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;

/** Streaming JSON output shared by the JSON exports. */
final class Json {

    static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    static JsonGenerator generator(Path file) throws IOException {
        return FACTORY.createGenerator(file.toFile(), JsonEncoding.UTF8);
    }

    /** Closes without writing the missing end markers, so an unfinished file stays visibly incomplete. */
    static void closeUnfinished(JsonGenerator g) {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        try {
            g.close();
        } catch (IOException e) {
            // best effort: the export already failed with its own error
        }
    }
}
