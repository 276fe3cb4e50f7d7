package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects each variant's labels image by image and scores them against a COCO ground truth with
 * {@link CocoEvaluator}. A label whose name matches no category is not scored but counted, by label. A
 * ground-truth image that gets no labels counts as one where nothing was found. Not thread-safe.
 */
public final class QualityEvaluation {

    private final CocoGroundTruth truth;
    private final Set<Long> imageIds;
    private final Map<Variant, List<ScoredBox>> found = new EnumMap<>(Variant.class);
    private final Map<Variant, Set<Long>> imagesAdded = new EnumMap<>(Variant.class);
    private final Map<Variant, Map<String, Integer>> uncategorised = new EnumMap<>(Variant.class);
    private RunRows runRows;

    public QualityEvaluation(CocoGroundTruth truth) {
        this.truth = requireNonNull(truth, "truth");
        this.imageIds = truth.imageIds();
    }

    /** One image's label sets, e.g. from {@link PassVariants#of}. */
    public void add(long imageId, Map<Variant, List<LabeledDetection>> sets) {
        sets.forEach((variant, labels) -> add(variant, imageId, labels));
    }

    /** One image's labels of one variant; each image at most once per variant. */
    public void add(Variant variant, long imageId, List<LabeledDetection> labels) {
        if (!imageIds.contains(imageId)) {
            throw new IllegalArgumentException("image " + imageId + " is not in the ground truth");
        }
        if (!imagesAdded.computeIfAbsent(variant, v -> new HashSet<>()).add(imageId)) {
            throw new IllegalArgumentException("image " + imageId + " was already added for " + variant.title());
        }
        List<ScoredBox> boxes = found.computeIfAbsent(variant, v -> new ArrayList<>());
        for (LabeledDetection d : labels) {
            Optional<Integer> category = truth.categoryOf(d.label());
            if (category.isPresent()) {
                boxes.add(new ScoredBox(imageId, category.get(), d.box(), d.score()));
            } else {
                uncategorised.computeIfAbsent(variant, v -> new TreeMap<>()).merge(d.label(), 1, Integer::sum);
            }
        }
    }

    /** A run's output rows as the {@link Variant#RUN} variant, matched to images by {@link CocoGroundTruth#imageFor}. */
    public RunRows addRun(Iterator<LabeledImage> rows) {
        found.putIfAbsent(Variant.RUN, new ArrayList<>());
        int count = 0;
        int matched = 0;
        int failed = 0;
        int outside = 0;
        int repeated = 0;
        while (rows.hasNext()) {
            LabeledImage row = rows.next();
            count++;
            Optional<Long> image = truth.imageFor(row.imageId(), row.uri());
            if (image.isEmpty()) {
                outside++;
            } else if (imagesAdded.getOrDefault(Variant.RUN, Set.of()).contains(image.get())) {
                repeated++;
            } else {
                add(Variant.RUN, image.get(), row.detections());
                matched++;
                failed += row.status() == Status.FAILED ? 1 : 0;
            }
        }
        runRows = new RunRows(count, matched, failed, outside, repeated);
        return runRows;
    }

    public EvaluationReport report() {
        Map<Variant, CocoMetrics> metrics = new EnumMap<>(Variant.class);
        found.forEach((variant, boxes) -> metrics.put(variant,
                CocoEvaluator.evaluate(imageIds, truth.categories().keySet(), truth.annotations(), boxes)));
        return new EvaluationReport(imageIds.size(), truth.annotations().size(), truth.categories(), metrics,
                uncategorised, Optional.ofNullable(runRows));
    }
}
