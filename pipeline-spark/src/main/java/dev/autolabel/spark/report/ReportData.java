package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run report shows, gathered in one streaming pass over the run's rows (see {@link ReportCollector})
 * plus its {@code run.json} when there is one. Sizes are bounded: histograms have fixed bins, the gallery and
 * failure samples are capped, and classes are as many as the models can name.
 *
 * @param classes            labels per class, most frequent first
 * @param detectionsPerImage images of OK rows by their number of labels; the last entry counts that many or more
 */
public record ReportData(String runId, long images, long labeled, long failed, Map<String, Long> failedByCode,
        List<FailureSample> failureSamples, List<ClassCount> classes, Map<Source, Histogram> scores,
        List<Long> detectionsPerImage, Agreement agreement, List<GalleryItem> gallery, Optional<RunFacts> facts) {

    public ReportData {
        requireNonNull(runId, "runId");
        failedByCode = new LinkedHashMap<>(requireNonNull(failedByCode, "failedByCode"));
        failureSamples = List.copyOf(requireNonNull(failureSamples, "failureSamples"));
        classes = List.copyOf(requireNonNull(classes, "classes"));
        scores = Histogram.perSource(scores);
        detectionsPerImage = List.copyOf(requireNonNull(detectionsPerImage, "detectionsPerImage"));
        requireNonNull(agreement, "agreement");
        gallery = List.copyOf(requireNonNull(gallery, "gallery"));
        requireNonNull(facts, "facts");
        if (images != labeled + failed) {
            throw new IllegalArgumentException("images " + images + " != labeled " + labeled + " + failed " + failed);
        }
    }

    public long detections() {
        return classes.stream().mapToLong(ClassCount::total).sum();
    }

    public long detections(Source source) {
        return scores.get(source).total();
    }

    /** Each class's share of all labels of the run (0..1). */
    public Map<String, Double> classShares() {
        long total = detections();
        Map<String, Double> shares = new LinkedHashMap<>();
        classes.forEach(c -> shares.put(c.label(), total == 0 ? 0 : (double) c.total() / total));
        return shares;
    }

    public List<GalleryItem> gallery(GalleryItem.Kind kind) {
        return gallery.stream().filter(item -> item.kind() == kind).toList();
    }
}
