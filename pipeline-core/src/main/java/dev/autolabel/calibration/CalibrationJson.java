package dev.autolabel.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The JSON form of a {@link CalibrationResult} (reviews/calibration-NNN.json of the reviewed run; read by the report). */
public final class CalibrationJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FORMAT = "autolabel-calibration/1";

    private CalibrationJson() {
    }

    public static byte[] write(CalibrationResult r) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("name", r.name()).put("calibrated_at", r.calibratedAt().toString())
                .put("reviewed_run", r.reviewedRun()).put("review_set", r.reviewSet())
                .put("review_set_sha256", r.reviewSetSha256()).put("target_precision", r.target())
                .put("interval", r.method().cliName()).put("confidence", r.confidence())
                .put("min_reviews", r.minReviews()).put("undecided_off", r.undecidedOff());
        ArrayNode classes = root.putArray("classes");
        for (ClassDecision d : r.decisions()) {
            ObjectNode c = classes.addObject().put("pass", d.key().source().wireName()).put("label", d.key().label())
                    .put("outcome", d.outcome().name().toLowerCase(java.util.Locale.ROOT)).put("reason", d.reason())
                    .put("labels", d.curve().population()).put("reviewed", d.curve().reviewed());
            d.threshold().ifPresentOrElse(t -> c.put("threshold", t), () -> c.putNull("threshold"));
            if (d.moreReviews().isPresent()) {
                c.put("more_reviews", d.moreReviews().getAsLong()).put("more_reviews_above", d.moreReviewsAbove().orElseThrow());
            }
            ArrayNode points = c.putArray("curve");
            for (CurvePoint p : d.curve().points()) {
                ObjectNode node = points.addObject().put("threshold", p.threshold()).put("labels", p.labels())
                        .put("reviewed", p.reviewed()).put("precision", p.precision()).put("lower", p.interval().lower())
                        .put("upper", p.interval().upper()).put("effective_reviews", p.effectiveReviews())
                        .put("correct_labels", p.correctLabels());
                if (p.recall().isPresent()) {
                    node.put("recall", p.recall().getAsDouble());
                } else {
                    node.putNull("recall");
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    public static CalibrationResult read(byte[] bytes, String source) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(source + " is not a " + FORMAT + " file");
        }
        List<ClassDecision> decisions = new ArrayList<>();
        for (JsonNode c : root.path("classes")) {
            ClassKey key = new ClassKey(dev.autolabel.label.Source.fromWireName(c.path("pass").asText()),
                    c.path("label").asText());
            List<CurvePoint> points = new ArrayList<>();
            for (JsonNode p : c.path("curve")) {
                points.add(new CurvePoint((float) p.path("threshold").asDouble(), p.path("labels").asLong(),
                        p.path("reviewed").asInt(), p.path("precision").asDouble(),
                        new Interval(p.path("lower").asDouble(), p.path("upper").asDouble()),
                        p.path("effective_reviews").asDouble(), p.path("correct_labels").asDouble(),
                        p.path("recall").isNumber() ? OptionalDouble.of(p.path("recall").asDouble()) : OptionalDouble.empty()));
            }
            ThresholdCurve curve = new ThresholdCurve(key, c.path("labels").asLong(), c.path("reviewed").asInt(), points);
            decisions.add(new ClassDecision(key,
                    ClassDecision.Outcome.valueOf(c.path("outcome").asText().toUpperCase(java.util.Locale.ROOT)),
                    c.path("threshold").isNumber() ? Optional.of((float) c.path("threshold").asDouble()) : Optional.empty(),
                    c.path("reason").asText(),
                    c.has("more_reviews") ? OptionalLong.of(c.path("more_reviews").asLong()) : OptionalLong.empty(),
                    c.has("more_reviews_above") ? Optional.of((float) c.path("more_reviews_above").asDouble()) : Optional.empty(),
                    curve));
        }
        return new CalibrationResult(root.path("name").asText(), Instant.parse(root.path("calibrated_at").asText()),
                root.path("reviewed_run").asText(), root.path("review_set").asText(),
                root.path("review_set_sha256").asText(), root.path("target_precision").asDouble(),
                IntervalMethod.fromCliName(root.path("interval").asText()), root.path("confidence").asDouble(),
                root.path("min_reviews").asInt(), root.path("undecided_off").asBoolean(), decisions);
    }
}
