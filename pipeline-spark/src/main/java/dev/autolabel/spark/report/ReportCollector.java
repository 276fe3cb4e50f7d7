package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import dev.autolabel.merge.QaFlags;
import dev.autolabel.spark.output.RowPlace;
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
 * Gathers {@link ReportData} with bounded memory, from rows (one pass) or from {@link ReportPartial}s of parts of the
 * run (merged): counters, fixed-bin histograms and, for the gallery, small heaps of the images most worth a look
 * (lowest-confidence labels, pass disagreements, images without labels). Both ways give the same result: every
 * choice (gallery, failure samples) is by a total order that includes the row's place in the run. Not thread-safe.
 */
public final class ReportCollector {

    static final int SCORE_BINS = 20;
    /** Images with this many labels or more share the last bin of detections per image. */
    static final int MAX_DETECTIONS_BIN = 30;
    static final int SAMPLES_PER_CODE = 3;
    /** The model-hash key rows carry when the open-vocabulary pass ran (see Provenance). */
    private static final String OPEN_VOCAB_MODEL = "open-vocab";
    private static final Comparator<PlacedFailure> FIRST_IN_RUN = Comparator.comparing(PlacedFailure::place);

    private final int galleryPerKind;
    private String shard = "";
    private long nextRow;
    private long images;
    private long labeled;
    private final Map<String, Long> failedByCode = new TreeMap<>();
    private final Map<String, BoundedHeap<PlacedFailure>> samples = new TreeMap<>();
    private final Map<String, long[]> classes = new TreeMap<>();
    private final Map<Source, Histogram.Counter> scores = new EnumMap<>(Source.class);
    private final long[] perImage = new long[MAX_DETECTIONS_BIN + 1];
    private boolean openVocabRan;
    private long gapFills;
    private long fineLabels;
    private long confirmed;
    private long unconfirmed;
    private final Map<Kind, BoundedHeap<GalleryCandidate>> gallery = new EnumMap<>(Kind.class);

    /** @param galleryPerKind images kept per gallery kind; 0 keeps none (e.g. for a run only compared against) */
    public ReportCollector(int galleryPerKind) {
        if (galleryPerKind < 0) {
            throw new IllegalArgumentException("galleryPerKind must be >= 0");
        }
        this.galleryPerKind = galleryPerKind;
        for (Source source : Source.values()) {
            scores.put(source, new Histogram.Counter(0, 1, SCORE_BINS));
        }
        for (Kind kind : Kind.values()) {
            gallery.put(kind, new BoundedHeap<>(galleryPerKind, GalleryCandidate.ORDER));
        }
    }

    /** The rows added next come from the shard file {@code shardName}, numbered from 0. */
    public void startShard(String shardName) {
        this.shard = requireNonNull(shardName, "shardName");
        this.nextRow = 0;
    }

    public void add(LabeledImage row) {
        RowPlace place = new RowPlace(shard, nextRow++);
        images++;
        if (row.status() == Status.FAILED) {
            addFailure(place, row);
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
            offer(new GalleryCandidate(Kind.NO_LABELS, 0, place, row));
        } else {
            offer(new GalleryCandidate(Kind.LOWEST_CONFIDENCE, lowest, place, row));
        }
        if (disagreements > 0) {
            offer(new GalleryCandidate(Kind.DISAGREEMENT, -disagreements, place, row));
        }
    }

    /** Merges a partial of another part of the run (any part, in any order). */
    void add(ReportPartial part) {
        if (part.galleryPerKind() < galleryPerKind) {
            throw new IllegalArgumentException("a partial keeping " + part.galleryPerKind()
                    + " gallery images per kind cannot serve a report showing " + galleryPerKind);
        }
        images += part.images();
        labeled += part.labeled();
        part.failedByCode().forEach((code, n) -> failedByCode.merge(code, n, Long::sum));
        part.failureSamples().forEach(f -> samplesOf(f.sample().code()).offer(f));
        for (ClassCount c : part.classes()) {
            long[] n = classes.computeIfAbsent(c.label(), k -> new long[Source.values().length]);
            n[Source.PRECISE.ordinal()] += c.precise();
            n[Source.OPEN_VOCAB.ordinal()] += c.openVocab();
        }
        part.scores().forEach((source, histogram) -> scores.get(source).add(histogram));
        List<Long> perImagePart = part.detectionsPerImage();
        if (perImagePart.size() != perImage.length) {
            throw new IllegalArgumentException("a partial with " + perImagePart.size() + " bins of labels per image, not "
                    + perImage.length);
        }
        for (int i = 0; i < perImage.length; i++) {
            perImage[i] += perImagePart.get(i);
        }
        Agreement a = part.agreement();
        openVocabRan |= a.openVocabRan();
        gapFills += a.gapFills();
        fineLabels += a.fineLabels();
        confirmed += a.confirmed();
        unconfirmed += a.unconfirmed();
        part.gallery().forEach(this::offer);
    }

    private void offer(GalleryCandidate candidate) {
        gallery.get(candidate.kind()).offer(candidate);
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

    private void addFailure(RowPlace place, LabeledImage row) {
        String code = row.errorCode().orElseThrow().name();
        failedByCode.merge(code, 1L, Long::sum);
        samplesOf(code).offer(new PlacedFailure(place, new FailureSample(row.imageId(), row.uri(), code,
                row.errorMessage().orElse(""))));
    }

    private BoundedHeap<PlacedFailure> samplesOf(String code) {
        return samples.computeIfAbsent(code, k -> new BoundedHeap<>(SAMPLES_PER_CODE, FIRST_IN_RUN));
    }

    /** What was gathered so far, as a partial to store or merge elsewhere. */
    ReportPartial partial() {
        List<PlacedFailure> placed = new ArrayList<>();
        samples.values().forEach(heap -> placed.addAll(heap.sorted()));
        List<GalleryCandidate> candidates = new ArrayList<>();
        gallery.values().forEach(heap -> candidates.addAll(heap.sorted()));
        return new ReportPartial(images, labeled, failedByCode, placed, classCounts(), histograms(),
                Arrays.stream(perImage).boxed().toList(), agreement(), galleryPerKind, candidates);
    }

    public ReportData result(String runId, Optional<RunFacts> facts) {
        List<ClassCount> byClass = new ArrayList<>(classCounts());
        byClass.sort(Comparator.comparingLong(ClassCount::total).reversed().thenComparing(ClassCount::label));
        List<GalleryItem> items = new ArrayList<>();
        gallery.forEach((kind, heap) -> heap.sorted().forEach(c -> items.add(new GalleryItem(kind, c.image(),
                reason(kind, c.image())))));
        Map<String, Long> failuresMostFirst = new LinkedHashMap<>();
        failedByCode.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> failuresMostFirst.put(e.getKey(), e.getValue()));
        List<FailureSample> firstSamples = samples.values().stream()
                .flatMap(heap -> heap.sorted().stream().map(PlacedFailure::sample)).toList();
        return new ReportData(runId, images, labeled, images - labeled, failuresMostFirst, firstSamples, byClass,
                histograms(), Arrays.stream(perImage).boxed().toList(), agreement(), items, facts);
    }

    /** Labels per class by name. */
    private List<ClassCount> classCounts() {
        List<ClassCount> byName = new ArrayList<>();
        classes.forEach((label, n) -> byName.add(new ClassCount(label, n[Source.PRECISE.ordinal()],
                n[Source.OPEN_VOCAB.ordinal()])));
        return byName;
    }

    private Map<Source, Histogram> histograms() {
        Map<Source, Histogram> histograms = new EnumMap<>(Source.class);
        scores.forEach((source, counter) -> histograms.put(source, counter.histogram()));
        return histograms;
    }

    private Agreement agreement() {
        return new Agreement(openVocabRan, gapFills, fineLabels, confirmed, unconfirmed);
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
