package dev.autolabel.spark.job;

import dev.autolabel.config.FailurePolicy;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The message a run stopped by its failure ratio ends with: why, failures by code, what was kept, what next. */
final class StopMessage {

    private StopMessage() {
    }

    static String of(RunSummary summary, long plannedShards, FailurePolicy policy) {
        long images = summary.totals().imagesNow();
        long failed = summary.totals().failedNow();
        double percent = images == 0 ? 0 : 100.0 * failed / images;
        return String.format(Locale.ROOT, "run %s stopped: %d of %d images labeled by this run failed (%.1f%%), over "
                + "run.max-failure-ratio = %s (judged from run.min-images-for-failure-ratio = %d images on)%n"
                + "  failures by code in committed shards: %s%n"
                + "  kept %d of %d shards (committed, %d images) in %s%n"
                + "  fix the cause, then re-run with --run-id %s to label the rest (committed shards are reused)",
                summary.runId(), failed, images, percent, policy.maxFailureRatio(), policy.minImages(),
                codes(summary.failedByCode()), summary.shardCount(), plannedShards, summary.images(),
                summary.runDir(), summary.runId());
    }

    private static String codes(Map<String, Long> byCode) {
        if (byCode.isEmpty()) {
            return "(none)";
        }
        return byCode.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
