package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;

/** Closed-set decoders: class names, the candidate threshold, and the best-class pick most of them make per row. */
abstract class ClosedSetAdapter extends ImageAdapter {

    /** The score of class {@code c} in the row being decoded. */
    interface ClassScore {
        float of(int c);
    }

    /** A row's best class and its score; {@link #NONE} when no class reaches the threshold. */
    record Best(int index, float score) {
        static final Best NONE = new Best(-1, 0f);

        boolean found() {
            return index >= 0;
        }
    }

    protected final ClassNames names;
    protected final float candidateThreshold;

    ClosedSetAdapter(InputSpec spec, String imageInput, ClassNames names, float candidateThreshold) {
        super(spec, imageInput);
        this.names = requireNonNull(names, "names");
        this.candidateThreshold = candidateThreshold;
    }

    /** The class in {@code [0, classes)} scoring highest and at least the candidate threshold (above 0). */
    protected final Best best(int classes, ClassScore score) {
        int best = -1;
        float bestScore = candidateThreshold;
        for (int c = 0; c < classes; c++) {
            float s = score.of(c);
            if (s >= bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return picked(best, bestScore);
    }

    /** The pick of a best-class scan: {@link Best#NONE} when no class reached the threshold or it scored 0. */
    protected static Best picked(int index, float score) {
        return index >= 0 && score > 0f ? new Best(index, score) : Best.NONE;
    }

    /** A detection of class {@code cls} for a box in model-input pixels, mapped back to the original image. */
    protected final Detection detection(ImageTransform transform, Box inInput, int cls, float score) {
        return new Detection(transform.toOriginal(inInput), cls, names.name(cls), Outputs.clampScore(score));
    }
}
