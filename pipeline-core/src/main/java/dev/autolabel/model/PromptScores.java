package dev.autolabel.model;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import java.util.ArrayList;
import java.util.List;

/** Turns per-(proposal, prompt) scores and proposal boxes into pass-2 candidates; shared by the open-vocab decoders. */
final class PromptScores {

    /** The score of proposal {@code p} for prompt {@code q} in image {@code n}, in 0..1. */
    interface Score {
        float of(int n, int p, int q);
    }

    private PromptScores() {
    }

    static List<List<Detection>> decode(TensorData boxes, Score score, List<Prompt> prompts, BoxFormat boxFormat,
            List<ImageTransform> transforms, int inputWidth, int inputHeight, float candidateThreshold) {
        List<List<Detection>> result = new ArrayList<>(transforms.size());
        for (int n = 0; n < transforms.size(); n++) {
            List<Detection> dets = new ArrayList<>();
            for (int p = 0; p < boxes.dim(1); p++) {
                Box box = null;
                for (int q = 0; q < prompts.size(); q++) {
                    float s = Outputs.clampScore(score.of(n, p, q));
                    if (s >= candidateThreshold && s > 0f) {
                        if (box == null) {
                            box = transforms.get(n).toOriginal(boxFormat.toInputPixelsOrDegenerate(boxes.get(n, p, 0),
                                    boxes.get(n, p, 1), boxes.get(n, p, 2), boxes.get(n, p, 3), inputWidth, inputHeight));
                        }
                        dets.add(new Detection(box, q, prompts.get(q).label(), s));
                    }
                }
            }
            result.add(dets);
        }
        return result;
    }
}
