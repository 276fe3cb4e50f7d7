package dev.autolabel.quality;

import dev.autolabel.detect.Detection;
import dev.autolabel.detect.Nms;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.labeling.PassOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four label sets of one image that the evaluation compares: pass 1 alone (after its filter), pass 2 alone
 * (after its filter), the plain union of both with class-aware NMS (the obvious baseline), and the gap-fill merge
 * (what a run writes).
 */
public final class PassVariants {

    private PassVariants() {
    }

    public static Map<Variant, List<LabeledDetection>> of(PassOutcome outcome, float unionNmsIou) {
        Map<Variant, List<LabeledDetection>> sets = new EnumMap<>(Variant.class);
        sets.put(Variant.PASS1, outcome.precision().kept());
        sets.put(Variant.PASS2, outcome.openVocabLabels());
        sets.put(Variant.UNION, union(outcome.precision().kept(), outcome.openVocabLabels(), unionNmsIou));
        sets.put(Variant.GAP_FILL, outcome.labels());
        return sets;
    }

    /**
     * Both lists pooled, then greedy NMS among labels of the same name (pass-1 class ids and pass-2 prompt indices
     * are different numberings, so classes are matched by label). Sorted by descending score.
     */
    public static List<LabeledDetection> union(List<LabeledDetection> first, List<LabeledDetection> second, float nmsIou) {
        List<LabeledDetection> pooled = new ArrayList<>(first);
        pooled.addAll(second);
        Map<String, List<Detection>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < pooled.size(); i++) {
            LabeledDetection d = pooled.get(i);
            // The class id carries the pooled index, so each survivor leads back to its label.
            byLabel.computeIfAbsent(d.label(), k -> new ArrayList<>()).add(new Detection(d.box(), i, d.label(), d.score()));
        }
        List<LabeledDetection> kept = new ArrayList<>();
        for (List<Detection> group : byLabel.values()) {
            Nms.classAgnostic(group, nmsIou).forEach(d -> kept.add(pooled.get(d.classId())));
        }
        kept.sort(Comparator.comparingDouble((LabeledDetection d) -> d.score()).reversed());
        return List.copyOf(kept);
    }
}
