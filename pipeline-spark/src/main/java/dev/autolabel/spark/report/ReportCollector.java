package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import dev.autolabel.merge.QaFlags;
import dev.autolabel.spark.report.GalleryItem.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gathers {@link ReportData} from a run's rows in one pass with bounded memory: counters, fixed-bin histograms
 * and, for the gallery, small heaps of the images most worth a look (lowest-confidence labels, pass
 * disagreements, images without labels). Not thread-safe.
 */
public final class ReportCollector {

    static final int SCORE_BINS = 20;
    /** Images with this many labels or more share the last bin of detections per image. */
    static final int MAX_DETECTIONS_BIN = 30;
    static final int SAMPLES_PER_CODE = 3;
    /** The model-hash key rows carry when the open-vocabulary pass ran (see Provenance). */
    private static final String OPEN_VOCAB_MODEL = "open-vocab";

    /** A gallery candidate: smaller keys are more interesting; ties go by image id so choices are stable. */
    private record Candidate(double key, LabeledImage image) {
        static final Comparator<Candidate> ORDER = Comparator.comparingDouble(Candidate::key)
                .thenComparing(c -> c.image().imageId());
    }

    private final String runId;
    private long images;
    private long labeled;
    private final Map<String, Long> failedByCode = new TreeMap<>();
    private final Map<String, List<FailureSample>> samples = new TreeMap<>();
    private final Map<String, long[]> classes = new TreeMap<>();
    private final Map<Source, Histogram.Counter> scores = new EnumMap<>(Source.class);
    private final long[] perImage = new long[MAX_DETECTIONS_BIN + 1];
    private boolean openVocabRan;
    private long gapFills;
    private long fineLabels;
    private long confirmed;
    private long unconfirmed;
    private final Map<Kind, BoundedHeap<Candidate>> gallery = new EnumMap<>(Kind.class);

    /** @param galleryPerKind images kept per gallery kind; 0 keeps none (e.g. for a run only compared against) */
    public ReportCollector(String runId, int galleryPerKind) {
        this.runId = requireNonNull(runId, "runId");
        for (Source source : Source.values()) {
            scores.put(source, new Histogram.Counter(0, 1, SCORE_BINS));
        }
        for (Kind kind : Kind.values()) {
            gallery.put(kind, new BoundedHeap<>(galleryPerKind, Candidate.ORDER));
        }
    }

    public void add(LabeledImage row) {
        images++;
        if (row.status() == Status.FAILED) {
            addFailure(row);
            return;
        }
        labeled++;
        boolean pass2 = row.provenance().modelHashes().containsKey(OPEN_VOCAB_MODEL);
        openVocabRan |= pass2;
        perImage[Math.min(MAX_DETECTIONS_BIN, row.detections().size())]++;
        double lowest = Double.MAX_VALUE;
        int disagreements = 0;
        for (LabeledDetection d : row.detections()) {
            classes.computeIfAbsent(d.label(), k -> new long[Source.values().length])[d.source().ordinal()]++;
            scores.get(d.source()).add(d.score());
            lowest = Math.min(lowest, d.score());
            disagreements += countAgreement(d, pass2);
        }
        if (row.detections().isEmpty()) {
            gallery.get(Kind.NO_LABELS).offer(new Candidate(0, row));
        } else {
            gallery.get(Kind.LOWEST_CONFIDENCE).offer(new Candidate(lowest, row));
        }
        if (disagreements > 0) {
            gallery.get(Kind.DISAGREEMENT).offer(new Candidate(-disagreements, row));
        }
    }

    /** Updates the run's agreement counts; returns 1 when the label is a disagreement between the passes. */
    private int countAgreement(LabeledDetection d, boolean pass2) {
        boolean disagrees = false;
        if (d.qaFlags().contains(QaFlags.GAP_FILL)) {
            gapFills++;
            disagrees = true;
        }
        if (d.fineLabel().isPresent()) {
            fineLabels++;
            disagrees = true;
        }
        if (pass2 && d.source() == Source.PRECISE) {
            if (d.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB)) {
                confirmed++;
            } else {
                unconfirmed++;
                disagrees = true;
            }
        }
        return disagrees ? 1 : 0;
    }

    private void addFailure(LabeledImage row) {
        String code = row.errorCode().orElseThrow().name();
        failedByCode.merge(code, 1L, Long::sum);
        List<FailureSample> forCode = samples.computeIfAbsent(code, k -> new ArrayList<>());
        if (forCode.size() < SAMPLES_PER_CODE) {
            forCode.add(new FailureSample(row.imageId(), row.uri(), code, row.errorMessage().orElse("")));
        }
    }

    public ReportData result(Optional<RunFacts> facts) {
        List<ClassCount> byClass = new ArrayList<>();
        classes.forEach((label, n) -> byClass.add(new ClassCount(label, n[Source.PRECISE.ordinal()],
                n[Source.OPEN_VOCAB.ordinal()])));
        byClass.sort(Comparator.comparingLong(ClassCount::total).reversed().thenComparing(ClassCount::label));
        Map<Source, Histogram> histograms = new EnumMap<>(Source.class);
        scores.forEach((source, counter) -> histograms.put(source, counter.histogram()));
        List<GalleryItem> items = new ArrayList<>();
        gallery.forEach((kind, heap) -> heap.sorted().forEach(c -> items.add(new GalleryItem(kind, c.image(),
                reason(kind, c.image())))));
        Map<String, Long> failuresMostFirst = new LinkedHashMap<>();
        failedByCode.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> failuresMostFirst.put(e.getKey(), e.getValue()));
        return new ReportData(runId, images, labeled, images - labeled, failuresMostFirst,
                samples.values().stream().flatMap(List::stream).toList(), byClass, histograms,
                Arrays.stream(perImage).boxed().toList(),
                new Agreement(openVocabRan, gapFills, fineLabels, confirmed, unconfirmed), items, facts);
    }

    /** Why an image was picked, in words; computed only for the few images kept. */
    private static String reason(Kind kind, LabeledImage image) {
        return switch (kind) {
            case NO_LABELS -> "no labels (" + image.width() + "x" + image.height() + ")";
            case LOWEST_CONFIDENCE -> image.detections().stream().min(Comparator.comparingDouble(LabeledDetection::score))
                    .map(d -> String.format(Locale.ROOT, "lowest score %.2f: %s (%s)", d.score(), d.label(),
                            d.source().wireName()))
                    .orElse("");
            case DISAGREEMENT -> disagreementReason(image);
        };
    }

    private static String disagreementReason(LabeledImage image) {
        boolean pass2 = image.provenance().modelHashes().containsKey(OPEN_VOCAB_MODEL);
        long gap = image.detections().stream().filter(d -> d.qaFlags().contains(QaFlags.GAP_FILL)).count();
        long fine = image.detections().stream().filter(d -> d.fineLabel().isPresent()).count();
        long lone = pass2 ? image.detections().stream().filter(d -> d.source() == Source.PRECISE
                && !d.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB)).count() : 0;
        List<String> parts = new ArrayList<>();
        if (gap > 0) {
            parts.add(gap + " gap-fill (pass 1 missed)");
        }
        if (fine > 0) {
            parts.add(fine + " fine label (pass 2 named it differently)");
        }
        if (lone > 0) {
            parts.add(lone + " not confirmed by pass 2");
        }
        return String.join(", ", parts);
    }
}
