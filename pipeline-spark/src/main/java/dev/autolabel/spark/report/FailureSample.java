package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

/** One FAILED row shown as an example of its error code. */
public record FailureSample(String imageId, String uri, String code, String message) {

    public FailureSample {
        requireNonNull(imageId, "imageId");
        requireNonNull(uri, "uri");
        requireNonNull(code, "code");
        requireNonNull(message, "message");
    }
}
