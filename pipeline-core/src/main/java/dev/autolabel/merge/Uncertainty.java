package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.Source;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How much an image's labels deserve a person's look, from 0 (nothing doubtful) to 1: the review-queue score.
 * A pure function of one image's final labels, its raw pass-1 candidates and the pass thresholds. Each signal
 * is in [0, 1] and scaled by its weight; the signals combine as {@code 1 - prod(1 - w_i * s_i)}, so one strong
 * signal dominates and several weak ones add up without leaving [0, 1]:
 * <ul>
 *   <li>borderline (weight 0.8): the closest any score comes to its threshold, within {@link #MARGIN}: a kept
 *       label just above its pass's threshold, or a pass-1 near miss just below it ({@code 1} at the threshold,
 *       {@code 0} at {@code MARGIN} away). A near miss on the same place and label as a kept label is ignored
 *       (it is a duplicate of that label, not a missed object);</li>
 *   <li>class conflict (0.6): pass 2 saw a different label on a pass-1 box (the box got a {@code fine_label});</li>
 *   <li>crowding (0.5): labels overlapping another label with IoU &ge; {@link #CROWD_IOU}, full at
 *       {@link #CROWD_FULL} such labels (crowds are where boxes merge, split and get missed);</li>
 *   <li>gap fill (0.4): some label comes from pass 2 alone (the looser pass found what pass 1 did not);</li>
 *   <li>no labels (0.25): an OK image with no label at all (empty scene, or both models blind to it);</li>
 *   <li>unconfirmed (0.2): the fraction of pass-1 labels that pass 2 did not confirm, among those whose label
 *       pass 2 also prompts for (pass 2 cannot confirm what it was never asked about).</li>
 * </ul>
 * FAILED rows are not scored (they carry 0): they need fixing, not reviewing.
 */
public final class Uncertainty {

    /** Score distance from a threshold within which a label (or near miss) counts as borderline. */
    public static final float MARGIN = 0.1f;
    /** IoU at which two labels count as overlapping for the crowding signal. */
    public static final float CROWD_IOU = 0.3f;
    /** Overlapping labels at which the crowding signal is full. */
    public static final int CROWD_FULL = 6;
    /** IoU at which a pass-1 near miss is taken as the same object as a kept label. */
    static final float SAME_OBJECT_IOU = 0.5f;

    static final float W_BORDERLINE = 0.8f;
    static final float W_CONFLICT = 0.6f;
    static final float W_CROWDING = 0.5f;
    static final float W_GAP_FILL = 0.4f;
    static final float W_EMPTY = 0.25f;
    static final float W_UNCONFIRMED = 0.2f;

    private final PrecisionParams precision;
    private final Optional<OpenVocabParams> openVocab;
    private final Set<String> openVocabLabels;

    /** {@code openVocab} is empty when pass 2 does not run; {@code openVocabLabels} are the labels it prompts for. */
    public Uncertainty(PrecisionParams precision, Optional<OpenVocabParams> openVocab, Set<String> openVocabLabels) {
        this.precision = requireNonNull(precision, "precision");
        this.openVocab = requireNonNull(openVocab, "openVocab");
        this.openVocabLabels = Set.copyOf(requireNonNull(openVocabLabels, "openVocabLabels"));
    }

    /** The signals behind one image's score, each in [0, 1] before weighting. */
    public record Signals(float borderline, float conflict, float crowding, float gapFill, float empty, float unconfirmed) {

        /** The combined score in [0, 1]. */
        public float combined() {
            double keep = (1 - W_BORDERLINE * borderline) * (1 - W_CONFLICT * conflict) * (1 - W_CROWDING * crowding)
                    * (1 - W_GAP_FILL * gapFill) * (1 - W_EMPTY * empty) * (1 - W_UNCONFIRMED * unconfirmed);
            return (float) Math.min(1.0, Math.max(0.0, 1.0 - keep));
        }
    }

    /** The score of an OK image: its final (merged) labels and the raw pass-1 candidates they came from. */
    public float score(List<LabeledDetection> labels, List<Detection> rawPrecise) {
        return signals(labels, rawPrecise).combined();
    }

    public Signals signals(List<LabeledDetection> labels, List<Detection> rawPrecise) {
        requireNonNull(labels, "labels");
        requireNonNull(rawPrecise, "rawPrecise");
        float borderline = Math.max(keptCloseness(labels), nearMissCloseness(labels, rawPrecise));
        float conflict = labels.stream().anyMatch(l -> l.fineLabel().isPresent()) ? 1f : 0f;
        float gapFill = labels.stream().anyMatch(l -> l.source() == Source.OPEN_VOCAB) ? 1f : 0f;
        return new Signals(borderline, conflict, crowding(labels), gapFill, labels.isEmpty() ? 1f : 0f, unconfirmed(labels));
    }

    private float keptCloseness(List<LabeledDetection> labels) {
        float best = 0f;
        for (LabeledDetection l : labels) {
            float above = l.score() - threshold(l);
            if (above >= 0f && above < MARGIN) {
                best = Math.max(best, 1f - above / MARGIN);
            }
        }
        return best;
    }

    private float nearMissCloseness(List<LabeledDetection> labels, List<Detection> rawPrecise) {
        float best = 0f;
        for (Detection d : rawPrecise) {
            if (precision.disabledClasses().contains(d.label())) {
                continue; // a switched-off class is never labeled, so it is never nearly labeled either
            }
            float below = precision.thresholdFor(d.label()) - d.score();
            if (below > 0f && below <= MARGIN && !labeledAlready(d, labels)) {
                best = Math.max(best, 1f - below / MARGIN);
            }
        }
        return best;
    }

    private static boolean labeledAlready(Detection d, List<LabeledDetection> labels) {
        return labels.stream().anyMatch(l -> l.label().equals(d.label()) && l.box().iou(d.box()) >= SAME_OBJECT_IOU);
    }

    private static float crowding(List<LabeledDetection> labels) {
        int crowded = 0;
        for (int i = 0; i < labels.size(); i++) {
            for (int j = 0; j < labels.size(); j++) {
                if (i != j && labels.get(i).box().iou(labels.get(j).box()) >= CROWD_IOU) {
                    crowded++;
                    break;
                }
            }
        }
        return Math.min(1f, crowded / (float) CROWD_FULL);
    }

    private float unconfirmed(List<LabeledDetection> labels) {
        if (openVocab.isEmpty()) {
            return 0f;
        }
        List<LabeledDetection> precise = labels.stream()
                .filter(l -> l.source() == Source.PRECISE && openVocabLabels.contains(l.label())).toList();
        if (precise.isEmpty()) {
            return 0f;
        }
        long unconfirmed = precise.stream().filter(l -> !l.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB)).count();
        return unconfirmed / (float) precise.size();
    }

    private float threshold(LabeledDetection l) {
        return l.source() == Source.PRECISE ? precision.thresholdFor(l.label())
                : openVocab.map(p -> p.thresholdFor(l.label())).orElse(0f);
    }
}
