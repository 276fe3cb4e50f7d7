package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import java.util.ArrayList;
import java.util.List;

/**
 * The gap-fill merge (DESIGN.md §4.3-4). Pass 1 always wins: its labels are kept unchanged (apart from an
 * optional fine label and agreement flag). A pass-2 label is added only where pass 1 has nothing: its IoU with
 * every pass-1 box is below {@code merge.iou} and the union of pass-1 boxes covers less than
 * {@code merge.coverage} of it. Not a union and not NMS: a high-scoring pass-2 box never displaces pass 1.
 * Cross-pass agreement: a pass-1 box overlapped at IoU >= {@code merge.enrich-iou} by a pass-2 box whose label
 * maps to the pass-1 label ({@code merge.label-map}) is flagged {@code confirmed_by_open_vocab}.
 */
public final class GapFillMerge {

    private final MergeParams params;

    public GapFillMerge(MergeParams params) {
        this.params = requireNonNull(params, "params");
    }

    public MergeResult merge(List<LabeledDetection> precise, List<LabeledDetection> openVocab) {
        List<Box> preciseBoxes = precise.stream().map(LabeledDetection::box).toList();
        List<LabeledDetection> enrichedPrecise = new ArrayList<>(precise);
        float[] enrichScore = new float[precise.size()];
        List<LabeledDetection> filled = new ArrayList<>();
        int dropped = 0;
        for (LabeledDetection candidate : openVocab) {
            confirmAgreeing(candidate, enrichedPrecise);
            int best = bestOverlap(candidate.box(), preciseBoxes);
            float bestIou = best < 0 ? 0f : candidate.box().iou(preciseBoxes.get(best));
            boolean covered = bestIou >= params.iou()
                    || Coverage.fractionCovered(candidate.box(), preciseBoxes) >= params.coverage();
            if (!covered) {
                filled.add(candidate.withQaFlag(QaFlags.GAP_FILL));
                continue;
            }
            dropped++;
            if (best >= 0 && bestIou >= params.enrichIou() && params.enrich() && candidate.score() > enrichScore[best]
                    && !candidate.label().equals(precise.get(best).label())) {
                enrichScore[best] = candidate.score();
                enrichedPrecise.set(best, enrichedPrecise.get(best).withFineLabel(candidate.label()));
            }
        }
        List<LabeledDetection> merged = new ArrayList<>(enrichedPrecise);
        merged.addAll(filled);
        return new MergeResult(merged, filled.size(), dropped);
    }

    /** Flags every pass-1 label of the candidate's mapped label that it overlaps at IoU >= enrich-iou. */
    private void confirmAgreeing(LabeledDetection candidate, List<LabeledDetection> precise) {
        String mapped = params.passOneLabelFor(candidate.label());
        for (int i = 0; i < precise.size(); i++) {
            LabeledDetection p = precise.get(i);
            if (p.label().equals(mapped) && candidate.box().iou(p.box()) >= params.enrichIou()) {
                precise.set(i, p.withQaFlag(QaFlags.CONFIRMED_BY_OPEN_VOCAB));
            }
        }
    }

    /** Index of the pass-1 box with the highest IoU with {@code box}, or -1 when none overlaps. */
    private static int bestOverlap(Box box, List<Box> preciseBoxes) {
        int best = -1;
        float bestIou = 0f;
        for (int i = 0; i < preciseBoxes.size(); i++) {
            float iou = box.iou(preciseBoxes.get(i));
            if (iou > bestIou) {
                bestIou = iou;
                best = i;
            }
        }
        return best;
    }
}
