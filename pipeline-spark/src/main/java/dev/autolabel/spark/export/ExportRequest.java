package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * One export: the format, the output folder, what each row shows ({@link ExportView}), and an optional
 * selection: a class-balanced subset ({@code maxPerClass}) or the review queue ({@code reviewTop}), not both.
 * {@code modelVersion} tags Label Studio predictions; {@code limits} bound the size of files and folders.
 */
public record ExportRequest(ExportFormat format, Path out, ExportView view, OptionalInt maxPerClass, OptionalInt reviewTop,
        String modelVersion, FileLimits limits) {

    /** A request with the default {@link FileLimits}. */
    public ExportRequest(ExportFormat format, Path out, ExportView view, OptionalInt maxPerClass, OptionalInt reviewTop,
            String modelVersion) {
        this(format, out, view, maxPerClass, reviewTop, modelVersion, FileLimits.DEFAULT);
    }

    public ExportRequest {
        requireNonNull(format, "format");
        requireNonNull(out, "out");
        requireNonNull(view, "view");
        requireNonNull(maxPerClass, "maxPerClass");
        requireNonNull(reviewTop, "reviewTop");
        requireNonNull(modelVersion, "modelVersion");
        requireNonNull(limits, "limits");
        if (maxPerClass.isPresent() && reviewTop.isPresent()) {
            throw new IllegalArgumentException("--max-per-class and --review-top select differently: use one of them");
        }
        if (maxPerClass.isPresent() && maxPerClass.getAsInt() < 1) {
            throw new IllegalArgumentException("--max-per-class must be >= 1, got " + maxPerClass.getAsInt());
        }
        if (reviewTop.isPresent() && reviewTop.getAsInt() < 1) {
            throw new IllegalArgumentException("--review-top must be >= 1, got " + reviewTop.getAsInt());
        }
    }
}
