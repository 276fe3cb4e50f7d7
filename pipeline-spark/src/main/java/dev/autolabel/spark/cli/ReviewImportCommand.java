package dev.autolabel.spark.cli;

import dev.autolabel.calibration.GroundTruthJudge;
import dev.autolabel.calibration.ImageReview;
import dev.autolabel.calibration.LabelStudioExport;
import dev.autolabel.calibration.RegionJudge;
import dev.autolabel.calibration.ReviewSample;
import dev.autolabel.calibration.ReviewSet;
import dev.autolabel.calibration.SampleImage;
import dev.autolabel.calibration.Verdict;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.model.Sha256;
import dev.autolabel.quality.CocoGroundTruth;
import dev.autolabel.spark.export.RunSource;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.review.ReviewStore;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code autolabel review import}: reviews of a sample back in, stored as the run's next review set. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import reviews of a review sample: Label Studio's JSON export of its tasks (kept, moved, "
                + "relabeled, deleted and added boxes, matched to the run's labels by region id) or COCO ground truth "
                + "for the sampled images. Stores them as RUN/reviews/review-NNN.json (a new version each time) and "
                + "prints its SHA-256.")
final class ReviewImportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR",
            description = "The reviewed run folder <output>/<run-id>: local path, file:// or s3:// URI.")
    String run;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--labelstudio", paramLabel = "EXPORT_JSON", description = "Label Studio's JSON export of the tasks.")
        String labelStudio;

        @Option(names = "--coco", paramLabel = "COCO_JSON",
                description = "COCO ground truth holding the sampled images (matched by image id, URI or file name).")
        String coco;
    }

    @Option(names = "--sample", paramLabel = "SAMPLE_ID",
            description = "The sample reviewed (default: the one the Label Studio tasks name, else the run's only sample).")
    String sampleId;

    @Option(names = "--review-iou", paramLabel = "IOU", defaultValue = "0.5",
            description = "IoU a kept box needs with the reviewer's final box to count as correct (default ${DEFAULT-VALUE}).")
    double reviewIou;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A config whose storage.s3 settings reach the run and the export (endpoint, credentials).")
    Path config;

    @Override
    public Integer call() throws Exception {
        RunLayout layout = RunSource.layoutOf(run);
        try (BlobStore store = BlobStores.create(ConfigLoader.storageOnly(Optional.ofNullable(config)))) {
            ReviewStore reviews = new ReviewStore(store, layout);
            String file = source.labelStudio != null ? source.labelStudio : source.coco;
            byte[] bytes = read(store, file);
            ReviewSample sample = reviews.sample(Optional.ofNullable(sampleId).or(() -> sampleOfTasks(bytes)));
            List<ImageReview> judged;
            try {
                judged = source.labelStudio != null ? fromLabelStudio(bytes, sample) : fromCoco(bytes, sample);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot import " + file + ": " + e.getMessage(), e);
            }
            String kind = source.labelStudio != null ? "labelstudio" : "coco";
            Instant now = Instant.now();
            String uri = reviews.addReviewSet(name -> new ReviewSet(name, now, kind, file, Sha256.ofBytes(bytes), reviewIou,
                    sample, judged));
            ReviewStore.Stored<ReviewSet> stored = reviews.reviewSet(Optional.of(uri));
            summary(stored, sample);
            return 0;
        }
    }

    private List<ImageReview> fromLabelStudio(byte[] bytes, ReviewSample sample) throws IOException {
        LabelStudioExport.Reviewed reviewed = LabelStudioExport.read(new ByteArrayInputStream(bytes), source.labelStudio, sample);
        RegionJudge judge = new RegionJudge(reviewIou);
        List<ImageReview> out = new ArrayList<>();
        reviewed.regions().forEach((row, regions) -> out.add(judge.judge(sample.image(row).orElseThrow(), regions)));
        System.out.printf("[autolabel] %d tasks in the export, %d reviewed, %d without a submitted annotation%n",
                reviewed.tasks(), out.size(), reviewed.notReviewed());
        return out;
    }

    private List<ImageReview> fromCoco(byte[] bytes, ReviewSample sample) throws IOException {
        CocoGroundTruth truth = CocoGroundTruth.read(new ByteArrayInputStream(bytes), source.coco);
        GroundTruthJudge judge = new GroundTruthJudge(truth, reviewIou);
        List<ImageReview> out = new ArrayList<>();
        int absent = 0;
        for (SampleImage image : sample.images()) {
            Optional<ImageReview> r = judge.judge(image);
            if (r.isPresent()) {
                out.add(r.get());
            } else {
                absent++;
            }
        }
        System.out.printf("[autolabel] %d sampled images found in the ground truth, %d not%n", out.size(), absent);
        return out;
    }

    /** The sample id the first Label Studio task names, when the file is such an export. */
    private Optional<String> sampleOfTasks(byte[] bytes) {
        if (source.labelStudio == null) {
            return Optional.empty();
        }
        try {
            var tasks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
            String id = tasks.path(0).path("data").path("autolabel_sample").asText("");
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + source.labelStudio + " as JSON: " + e.getMessage(), e);
        }
    }

    private static void summary(ReviewStore.Stored<ReviewSet> stored, ReviewSample sample) {
        Map<Verdict, Integer> counts = new TreeMap<>();
        stored.value().sampledVerdicts().values().forEach(v -> counts.merge(v, 1, Integer::sum));
        int missed = stored.value().reviews().stream().mapToInt(r -> r.missed().values().stream().mapToInt(Integer::intValue).sum()).sum();
        System.out.printf("[autolabel] review set %s: %d of %d sampled labels reviewed %s, %d missed objects in %d images%n",
                stored.value().name(), stored.value().reviewedLabels(), sample.sampledLabels(), counts, missed,
                stored.value().reviews().size());
        System.out.println("[autolabel] stored: " + stored.uri());
        System.out.println("[autolabel] sha256: " + stored.sha256());
    }

    private static byte[] read(BlobStore store, String uri) {
        try (InputStream in = store.open(uri)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }
}
