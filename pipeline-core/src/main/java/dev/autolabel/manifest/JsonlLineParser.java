package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSONL line: one JSON object with a non-blank string URI field, an optional string or number id field, and
 * any other fields, which pass through as text: scalars exactly as written, objects and arrays as compact JSON.
 * A JSON null counts as an absent field.
 */
final class JsonlLineParser implements LineParser {

    // Duplicate keys are refused: with two "uri" fields, which image is meant is a guess.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final ManifestFields fields;

    JsonlLineParser(ManifestFields fields) {
        this.fields = requireNonNull(fields, "fields");
    }

    /** One field's value: its JSON kind and its text. */
    private record Value(JsonToken kind, String text) {
    }

    @Override
    public Optional<ManifestRow> parse(String line, long lineNumber) {
        if (!isRow(line)) {
            return Optional.empty();
        }
        try {
            return Optional.of(toEntry(readObject(line), lineNumber));
        } catch (MalformedLine e) {
            return Optional.of(e.toRow(lineNumber));
        }
    }

    private ManifestEntry toEntry(Map<String, Value> values, long lineNumber) throws MalformedLine {
        String uri = uri(values.remove(fields.uriField()));
        String id = id(values.remove(fields.idField())).orElse(uri);
        Map<String, String> extra = new LinkedHashMap<>();
        values.forEach((name, value) -> extra.put(name, value.text()));
        return new ManifestEntry(id, uri, lineNumber, extra);
    }

    private String uri(Value value) throws MalformedLine {
        String name = fields.uriField();
        if (value == null) {
            throw new MalformedLine("missing field '" + name + "'");
        }
        if (value.kind() != JsonToken.VALUE_STRING) {
            throw new MalformedLine("field '" + name + "' must be a string, found " + describe(value.kind()));
        }
        if (value.text().isBlank()) {
            throw new MalformedLine("field '" + name + "' is blank");
        }
        return value.text().strip();
    }

    private Optional<String> id(Value value) throws MalformedLine {
        if (value == null) {
            return Optional.empty();
        }
        if (value.kind() != JsonToken.VALUE_STRING && !value.kind().isNumeric()) {
            throw new MalformedLine("field '" + fields.idField() + "' must be a string or number, found "
                    + describe(value.kind()));
        }
        return Optional.of(value.text().strip()).filter(id -> !id.isEmpty());
    }

    /** The top-level object's fields in order, nulls left out; anything else is a malformed line. */
    private static Map<String, Value> readObject(String line) throws MalformedLine {
        Map<String, Value> values = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedLine("not a JSON object (found " + describe(first) + ")");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken kind = p.nextToken();
                // getText() keeps numbers as written (1.10 stays 1.10); nested values become compact JSON.
                String text = kind.isStructStart() ? JSON.readTree(p).toString() : p.getText();
                if (kind != JsonToken.VALUE_NULL) {
                    values.put(name, new Value(kind, text));
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedLine("unexpected content after the JSON object");
            }
            return values;
        } catch (JsonProcessingException e) {
            throw new MalformedLine("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a JSON line from memory", e); // a String source cannot fail
        }
    }

    private static String describe(JsonToken kind) {
        if (kind == null) {
            return "nothing";
        }
        return switch (kind) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> kind.asString() == null ? kind.name() : "'" + kind.asString() + "'";
        };
    }
}
