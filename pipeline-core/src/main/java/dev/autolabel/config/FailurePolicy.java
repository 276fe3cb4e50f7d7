package dev.autolabel.config;

import java.io.Serializable;

/**
 * When a run stops instead of labeling on: once at least {@code minImages} images are done, a share of FAILED
 * rows above {@code maxFailureRatio} means something systemic (wrong bucket, expired credentials, a manifest of
 * the wrong machine's paths), and labeling the rest would only burn cluster time. A ratio of 1 never stops.
 */
public record FailurePolicy(double maxFailureRatio, long minImages) implements Serializable {

    public FailurePolicy {
        if (!(maxFailureRatio >= 0 && maxFailureRatio <= 1)) {
            throw new IllegalArgumentException("run.max-failure-ratio must be between 0 and 1, got " + maxFailureRatio);
        }
        if (minImages < 1) {
            throw new IllegalArgumentException("run.min-images-for-failure-ratio must be >= 1, got " + minImages);
        }
    }

    /** True when {@code failed} of {@code done} images is over the limit and enough images are done to judge. */
    public boolean exceeded(long done, long failed) {
        return done >= minImages && failed > maxFailureRatio * done;
    }
}
