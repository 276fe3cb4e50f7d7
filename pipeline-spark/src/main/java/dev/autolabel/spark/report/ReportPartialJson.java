package dev.autolabel.spark.report;

import static dev.autolabel.spark.report.LabeledImageJson.required;
import static dev.autolabel.spark.report.LabeledImageJson.text;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.label.Source;
import dev.autolabel.spark.output.RowPlace;
import dev.autolabel.spark.report.GalleryItem.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ReportPartial} as JSON (the {@code _report/part-NNNNN.json} files next to the commit markers). Numbers are
 * read as exact decimals so floats and doubles come back bit for bit. A partial of another format version is
 * refused (the shard's partial is then computed again from the shard).
 */
final class ReportPartialJson {

    static final int VERSION = 1;
    /** Big decimals keep the written shortest decimal form, so float scores and boxes read back exactly. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ReportPartialJson() {
    }

    static byte[] write(ReportPartial p) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", VERSION);
        o.put("images", p.images());
        o.put("labeled", p.labeled());
        ObjectNode failed = o.putObject("failed_by_code");
        p.failedByCode().forEach(failed::put);
        ArrayNode samples = o.putArray("failure_samples");
        for (PlacedFailure f : p.failureSamples()) {
            ObjectNode s = place(samples.addObject(), f.place());
            s.put("image_id", f.sample().imageId());
            s.put("uri", f.sample().uri());
            s.put("code", f.sample().code());
            s.put("message", f.sample().message());
        }
        ObjectNode classes = o.putObject("classes"); // label: [precise, open_vocab], compact: as many as labels
        p.classes().forEach(c -> classes.putArray(c.label()).add(c.precise()).add(c.openVocab()));
        ObjectNode scores = o.putObject("scores");
        p.scores().forEach((source, h) -> {
            ObjectNode histogram = scores.putObject(source.wireName()).put("min", h.min()).put("max", h.max());
            h.counts().forEach(histogram.putArray("counts")::add);
        });
        p.detectionsPerImage().forEach(o.putArray("detections_per_image")::add);
        Agreement a = p.agreement();
        o.putObject("agreement").put("open_vocab_ran", a.openVocabRan()).put("gap_fills", a.gapFills())
                .put("fine_labels", a.fineLabels()).put("confirmed", a.confirmed()).put("unconfirmed", a.unconfirmed());
        o.put("gallery_per_kind", p.galleryPerKind());
        ArrayNode gallery = o.putArray("gallery");
        for (GalleryCandidate c : p.gallery()) {
            ObjectNode g = place(gallery.addObject().put("kind", c.kind().name()).put("key", c.key()), c.place());
            g.set("image", LabeledImageJson.write(c.image()));
        }
        return JSON.writeValueAsBytes(o);
    }

    private static ObjectNode place(ObjectNode o, RowPlace place) {
        return o.put("shard", place.shard()).put("row", place.row());
    }

    static ReportPartial read(byte[] json) throws IOException {
        JsonNode o = JSON.readTree(json);
        if (o == null || o.path("version").asInt(-1) != VERSION) {
            throw new IOException("not a report partial of version " + VERSION);
        }
        try {
            return parse(o);
        } catch (RuntimeException e) {
            throw new IOException("not a report partial: " + e.getMessage(), e);
        }
    }

    private static ReportPartial parse(JsonNode o) throws IOException {
        Map<String, Long> failed = new TreeMap<>();
        required(o, "failed_by_code").properties().forEach(e -> failed.put(e.getKey(), e.getValue().longValue()));
        List<PlacedFailure> samples = new ArrayList<>();
        for (JsonNode s : required(o, "failure_samples")) {
            samples.add(new PlacedFailure(place(s), new FailureSample(text(s, "image_id"), text(s, "uri"), text(s, "code"),
                    text(s, "message"))));
        }
        List<ClassCount> classes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> c : required(o, "classes").properties()) {
            classes.add(new ClassCount(c.getKey(), c.getValue().get(0).longValue(), c.getValue().get(1).longValue()));
        }
        Map<Source, Histogram> scores = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            JsonNode h = required(required(o, "scores"), source.wireName());
            scores.put(source, new Histogram(required(h, "min").doubleValue(), required(h, "max").doubleValue(),
                    longs(required(h, "counts"))));
        }
        JsonNode a = required(o, "agreement");
        Agreement agreement = new Agreement(required(a, "open_vocab_ran").booleanValue(), required(a, "gap_fills").longValue(),
                required(a, "fine_labels").longValue(), required(a, "confirmed").longValue(),
                required(a, "unconfirmed").longValue());
        List<GalleryCandidate> gallery = new ArrayList<>();
        for (JsonNode g : required(o, "gallery")) {
            gallery.add(new GalleryCandidate(Kind.valueOf(text(g, "kind")), required(g, "key").doubleValue(), place(g),
                    LabeledImageJson.read(required(g, "image"))));
        }
        return new ReportPartial(required(o, "images").longValue(), required(o, "labeled").longValue(), failed, samples,
                classes, scores, longs(required(o, "detections_per_image")), agreement,
                required(o, "gallery_per_kind").intValue(), gallery);
    }

    private static RowPlace place(JsonNode o) throws IOException {
        return new RowPlace(text(o, "shard"), required(o, "row").longValue());
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.longValue()));
        return out;
    }
}
