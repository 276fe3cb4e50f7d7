package dev.autolabel.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.detect.Box;
import dev.autolabel.detect.Tile;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole output row as JSON, every field of the Parquet row (see {@code OutputSchema}), for the gallery images a
 * report partial carries: reading it back gives an equal {@link LabeledImage}. Floats are written in their shortest
 * exact form and must be read with big-decimal parsing (see {@link ReportPartialJson}) to come back bit for bit.
 * A new field of the output row must be added here too (a test compares the fields with the record's).
 */
final class LabeledImageJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LabeledImageJson() {
    }

    static ObjectNode write(LabeledImage image) {
        ObjectNode o = NODES.objectNode();
        o.put("image_id", image.imageId());
        o.put("uri", image.uri());
        o.put("width", image.width());
        o.put("height", image.height());
        o.put("status", image.status().name());
        image.errorCode().ifPresent(code -> o.put("error_code", code.name()));
        image.errorMessage().ifPresent(message -> o.put("error_message", message));
        ArrayNode detections = o.putArray("detections");
        image.detections().forEach(d -> detections.add(detection(d)));
        Provenance p = image.provenance();
        ObjectNode provenance = o.putObject("provenance");
        provenance.put("run_id", p.runId());
        map(provenance.putObject("model_hashes"), p.modelHashes());
        provenance.put("config_hash", p.configHash());
        provenance.put("schema_version", p.schemaVersion());
        o.put("labeled_at", image.labeledAt().toString());
        map(o.putObject("extra"), image.extra());
        o.put("uncertainty", image.uncertainty());
        image.fingerprint().ifPresent(f -> o.put("fingerprint", f));
        return o;
    }

    private static ObjectNode detection(LabeledDetection d) {
        ObjectNode o = NODES.objectNode();
        o.put("label", d.label());
        o.put("class_id", d.classId());
        o.put("score", d.score());
        ArrayNode box = o.putArray("box");
        box.add(d.box().x1()).add(d.box().y1()).add(d.box().x2()).add(d.box().y2());
        o.put("source", d.source().wireName());
        d.prompt().ifPresent(p -> o.put("prompt", p));
        d.fineLabel().ifPresent(f -> o.put("fine_label", f));
        ArrayNode flags = o.putArray("qa_flags");
        d.qaFlags().forEach(flags::add);
        d.threshold().ifPresent(t -> o.put("threshold", t));
        d.tile().ifPresent(t -> o.putArray("tile").add(t.index()).add(t.x()).add(t.y()).add(t.width()).add(t.height()));
        return o;
    }

    private static void map(ObjectNode into, Map<String, String> entries) {
        entries.forEach(into::put);
    }

    static LabeledImage read(JsonNode o) throws IOException {
        try {
            List<LabeledDetection> detections = new ArrayList<>();
            for (JsonNode d : required(o, "detections")) {
                detections.add(detection(d));
            }
            JsonNode p = required(o, "provenance");
            Provenance provenance = new Provenance(text(p, "run_id"), map(required(p, "model_hashes")),
                    text(p, "config_hash"), required(p, "schema_version").intValue());
            return new LabeledImage(text(o, "image_id"), text(o, "uri"), required(o, "width").intValue(),
                    required(o, "height").intValue(), Status.valueOf(text(o, "status")),
                    optional(o, "error_code").map(ErrorCode::valueOf), optional(o, "error_message"), detections,
                    provenance, Instant.parse(text(o, "labeled_at")), map(required(o, "extra")),
                    required(o, "uncertainty").floatValue(), optional(o, "fingerprint"));
        } catch (RuntimeException e) {
            throw new IOException("not a stored row: " + e.getMessage(), e);
        }
    }

    private static LabeledDetection detection(JsonNode d) throws IOException {
        JsonNode b = required(d, "box");
        List<String> flags = new ArrayList<>();
        required(d, "qa_flags").forEach(f -> flags.add(f.asText()));
        return new LabeledDetection(text(d, "label"), required(d, "class_id").intValue(), required(d, "score").floatValue(),
                new Box(b.get(0).floatValue(), b.get(1).floatValue(), b.get(2).floatValue(), b.get(3).floatValue()),
                Source.fromWireName(text(d, "source")), optional(d, "prompt"), optional(d, "fine_label"), flags,
                Optional.ofNullable(d.get("threshold")).filter(t -> !t.isNull()).map(JsonNode::floatValue),
                Optional.ofNullable(d.get("tile")).filter(t -> !t.isNull()).map(t -> new Tile(t.get(0).intValue(),
                        t.get(1).intValue(), t.get(2).intValue(), t.get(3).intValue(), t.get(4).intValue())));
    }

    private static Map<String, String> map(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        o.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static JsonNode required(JsonNode o, String field) throws IOException {
        JsonNode value = o.get(field);
        if (value == null || value.isNull()) {
            throw new IOException("missing field '" + field + "'");
        }
        return value;
    }

    static String text(JsonNode o, String field) throws IOException {
        return required(o, field).asText();
    }

    private static Optional<String> optional(JsonNode o, String field) {
        JsonNode value = o.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
