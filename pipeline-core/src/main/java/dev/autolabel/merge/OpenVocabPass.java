package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.detect.Nms;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.Source;
import dev.autolabel.model.Prompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pass-2 filtering (DESIGN.md §4.2): per-label threshold (disabled labels never pass), NMS among boxes of the same
 * label (so synonyms firing on one object leave one box), and the max-area gate. Raw detections carry the prompt index
 * as classId. Each kept label records the threshold it passed.
 */
public final class OpenVocabPass {

    private final OpenVocabParams params;
    private final List<Prompt> prompts;

    public OpenVocabPass(OpenVocabParams params, List<Prompt> prompts) {
        this.params = requireNonNull(params, "params");
        this.prompts = List.copyOf(requireNonNull(prompts, "prompts"));
    }

    public OpenVocabParams params() {
        return params;
    }

    public List<Prompt> prompts() {
        return prompts;
    }

    /** Filters raw pass-2 detections, in original-image pixels, for an image of the given size. */
    public OpenVocabResult filter(List<Detection> raw, int imageWidth, int imageHeight) {
        List<Detection> confident = raw.stream().filter(d -> params.passes(promptOf(d).label(), d.score())).toList();
        Map<String, List<Detection>> byLabel = new LinkedHashMap<>();
        for (Detection d : confident) {
            byLabel.computeIfAbsent(promptOf(d).label(), k -> new ArrayList<>()).add(d);
        }
        List<Detection> afterNms = new ArrayList<>();
        byLabel.values().forEach(group -> afterNms.addAll(Nms.classAgnostic(group, params.nmsIou())));
        float imageArea = (float) imageWidth * imageHeight;
        List<LabeledDetection> kept = new ArrayList<>();
        for (Detection d : afterNms) {
            if (d.box().area() <= params.maxAreaFraction() * imageArea) {
                kept.add(toLabel(d));
            }
        }
        return new OpenVocabResult(kept, raw.size() - confident.size(), confident.size() - afterNms.size(),
                afterNms.size() - kept.size());
    }

    private Prompt promptOf(Detection d) {
        if (d.classId() >= prompts.size()) {
            throw new IllegalArgumentException("open-vocab detection refers to prompt " + d.classId() + " but only "
                    + prompts.size() + " prompts are configured");
        }
        return prompts.get(d.classId());
    }

    private LabeledDetection toLabel(Detection d) {
        Prompt p = promptOf(d);
        return new LabeledDetection(p.label(), d.classId(), d.score(), d.box(), Source.OPEN_VOCAB,
                Optional.of(p.text()), Optional.empty(), List.of(), Optional.of(params.thresholdFor(p.label())),
                d.tile());
    }
}
