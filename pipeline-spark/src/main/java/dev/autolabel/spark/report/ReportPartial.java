package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.Source;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a report needs from part of a run (one shard, or several merged): counters, fixed-bin histograms, labels per
 * class, the first failure samples of each error code and the best gallery candidates of each kind, with the data
 * the gallery shows. Its size does not grow with the rows, only with the classes (as many as the models name).
 * Made and merged by {@link ReportCollector}; merging is associative and commutative (samples and candidates carry
 * their place in the run), so partials can be merged in any order and grouping.
 *
 * @param galleryPerKind the number of candidates per kind this partial kept (it can serve reports showing as many)
 */
record ReportPartial(long images, long labeled, Map<String, Long> failedByCode, List<PlacedFailure> failureSamples,
        List<ClassCount> classes, Map<Source, Histogram> scores, List<Long> detectionsPerImage, Agreement agreement,
        int galleryPerKind, List<GalleryCandidate> gallery) {

    ReportPartial {
        failedByCode = new TreeMap<>(requireNonNull(failedByCode, "failedByCode"));
        failureSamples = List.copyOf(requireNonNull(failureSamples, "failureSamples"));
        classes = List.copyOf(requireNonNull(classes, "classes"));
        scores = Histogram.perSource(scores);
        detectionsPerImage = List.copyOf(requireNonNull(detectionsPerImage, "detectionsPerImage"));
        requireNonNull(agreement, "agreement");
        gallery = List.copyOf(requireNonNull(gallery, "gallery"));
        long failed = failedByCode.values().stream().mapToLong(Long::longValue).sum();
        if (images < 0 || labeled < 0 || images != labeled + failed) {
            throw new IllegalArgumentException("images " + images + " != labeled " + labeled + " + failed " + failed);
        }
        if (galleryPerKind < 0) {
            throw new IllegalArgumentException("galleryPerKind must be >= 0");
        }
    }
}
