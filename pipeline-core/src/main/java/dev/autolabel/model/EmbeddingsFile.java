package dev.autolabel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Precomputed text embeddings: {@code {"dim": D, "embeddings": {"prompt text": [D floats], ...}}}.
 * Every configured prompt's text (each phrasing of an ensemble) must be present; the message lists what the file has
 * when one is missing.
 */
public final class EmbeddingsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingsFile() {
    }

    public static TextEmbeddings read(InputStream in, String sourceName, List<Prompt> prompts) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.path("embeddings").isObject()) {
            throw new IOException("embeddings file " + sourceName + " must be a JSON object with an \"embeddings\" object");
        }
        JsonNode table = root.get("embeddings");
        int dim = root.path("dim").asInt(0);
        float[] matrix = null;
        for (int q = 0; q < prompts.size(); q++) {
            List<float[]> phrasings = new ArrayList<>();
            for (String text : prompts.get(q).texts()) {
                float[] row = row(table, text, sourceName, dim);
                dim = row.length;
                phrasings.add(row);
            }
            if (matrix == null) {
                matrix = new float[prompts.size() * dim];
            }
            System.arraycopy(TextEmbeddings.ensembleMean(phrasings), 0, matrix, q * dim, dim);
        }
        if (matrix == null) {
            throw new IOException("no prompts configured for the open-vocab pass");
        }
        return new TextEmbeddings(prompts, dim, matrix);
    }

    /** One text's row; {@code dim} 0 until the first row fixes it. */
    private static float[] row(JsonNode table, String text, String sourceName, int dim) throws IOException {
        JsonNode row = table.get(text);
        if (row == null || !row.isArray()) {
            throw new IOException("embeddings file " + sourceName + " has no embedding for prompt '" + text
                    + "'; it has " + fieldNames(table));
        }
        if (dim != 0 && row.size() != dim) {
            throw new IOException("embedding for '" + text + "' in " + sourceName + " has " + row.size()
                    + " values, expected " + dim);
        }
        float[] values = new float[row.size()];
        for (int d = 0; d < values.length; d++) {
            values[d] = (float) row.get(d).asDouble();
        }
        return values;
    }

    private static List<String> fieldNames(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
