package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@link TilingBenchmark} measured: (a) the bare model, and the pipeline with tiling off and on. Judged by the
 * same ratio as whole images: model inputs per second (images, or tiles and whole views) over (a).
 */
public record TilingReport(String model, int inputWidth, int inputHeight, int batchSize, String master, String imageSize,
        double bareModel, TilingCase off, TilingCase on) {

    public TilingReport {
        requireNonNull(model, "model");
        requireNonNull(master, "master");
        requireNonNull(imageSize, "imageSize");
        requireNonNull(off, "off");
        requireNonNull(on, "on");
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "[bench] tiling: model %s (input %dx%d, batch %d) on %s; %d JPEGs %s; tiles of the"
                + " input size overlapping by 20%%, plus the whole image (tiling off: each image %d times)%n", model,
                inputWidth, inputHeight, batchSize, master, on.images(), imageSize, off.images() / Math.max(1, on.images()));
        out.printf(Locale.ROOT, "[bench] a  bare model, pre-made tensors:  %8.2f inputs/s%n", bareModel);
        for (TilingCase c : new TilingCase[] {off, on}) {
            out.printf(Locale.ROOT, "[bench] tiling %-3s %7.3f images/s (runs: %s), %5.1f model inputs/image, %7.2f inputs/s"
                    + " (tiles %7.2f/s), inputs/s / a %.2f, inference busy %.0f%%%n", c.name(), c.best(),
                    c.imagesPerSecond().stream().map(v -> String.format(Locale.ROOT, "%.3f", v))
                            .collect(Collectors.joining(" ")), c.modelInputsPerImage(), c.modelInputsPerSecond(),
                    c.tilesPerSecond(), c.modelInputsPerSecond() / bareModel, 100 * c.inferenceBusyShare());
            out.printf(Locale.ROOT, "[bench]    stages of the best run (thread-seconds; wall %.1f s): %s%n",
                    c.bestWallSeconds(), c.bestStageSeconds().entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
        out.printf(Locale.ROOT, "[bench] tiling costs %.1fx the model inputs per image; images/s on / off = %.3f;"
                + " model inputs/s on / off = %.2f%n", on.modelInputsPerImage() / off.modelInputsPerImage(),
                on.best() / off.best(), on.modelInputsPerSecond() / off.modelInputsPerSecond());
    }
}
