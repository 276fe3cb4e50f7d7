package dev.autolabel.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The evaluation as JSON: counts, categories and, per variant (by {@link Variant#key()}), every COCO metric,
 * the operating point (true/false positives, precision, recall, F1 at IoU 0.5, every label kept) and AP per
 * category name. Undefined metrics (no ground truth in the bucket) are -1, as in pycocotools.
 */
public final class EvaluationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationJson() {
    }

    public static ObjectNode of(EvaluationReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("images", report.images());
        root.put("ground_truth_objects", report.groundTruths());
        ObjectNode categories = root.putObject("categories");
        report.categories().forEach((id, name) -> categories.put(Integer.toString(id), name));
        root.put("operating_point", "every label kept (at most 100 per image), matched to ground truth at IoU 0.5");
        ObjectNode variants = root.putObject("variants");
        report.metrics().forEach((variant, m) -> {
            ObjectNode v = variants.putObject(variant.key());
            v.put("title", variant.title());
            metrics(v, m, report);
            ObjectNode uncategorised = v.putObject("labels_without_category");
            report.uncategorisedLabels().getOrDefault(variant, java.util.Map.of()).forEach(uncategorised::put);
        });
        report.run().ifPresent(r -> {
            ObjectNode run = root.putObject("run_rows");
            run.put("rows", r.rows());
            run.put("matched", r.matched());
            run.put("failed", r.failed());
            run.put("outside_ground_truth", r.outsideGroundTruth());
            run.put("repeated", r.repeated());
        });
        return root;
    }

    private static void metrics(ObjectNode v, CocoMetrics m, EvaluationReport report) {
        v.put("ap", m.ap());
        v.put("ap50", m.ap50());
        v.put("ap75", m.ap75());
        v.put("ap_small", m.apSmall());
        v.put("ap_medium", m.apMedium());
        v.put("ap_large", m.apLarge());
        v.put("ar1", m.ar1());
        v.put("ar10", m.ar10());
        v.put("ar100", m.ar100());
        v.put("ar_small", m.arSmall());
        v.put("ar_medium", m.arMedium());
        v.put("ar_large", m.arLarge());
        v.put("precision", m.precision());
        v.put("recall", m.recall());
        v.put("f1", m.f1());
        v.put("true_positives", m.truePositives());
        v.put("false_positives", m.falsePositives());
        v.put("ground_truths", m.groundTruths());
        ObjectNode perClass = v.putObject("ap_per_class");
        m.apPerCategory().forEach((id, ap) -> perClass.put(report.categories().get(id), ap));
    }
}
