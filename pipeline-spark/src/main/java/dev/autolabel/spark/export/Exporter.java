package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.output.RunReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Streams a finished run into an export, in as many passes over the shards as the export needs, never holding
 * the run in memory: a counting pass when the format needs the class list up front (COCO, YOLO) or for a
 * balanced subset, a candidate pass for the balanced subset, then the writing pass. The review queue ranks all
 * rows in one pass (O(K) memory) and writes its K images at the end.
 */
public final class Exporter {

    /** Receives each row the export view lets through, with its position among those rows. */
    private interface RowConsumer {
        void accept(long position, LabeledImage image) throws IOException;
    }

    private final RunSource source;
    private final PrintStream progress;
    private final Duration progressEvery;

    public Exporter(RunSource source, PrintStream progress, Duration progressEvery) {
        this.source = requireNonNull(source, "source");
        this.progress = requireNonNull(progress, "progress");
        this.progressEvery = requireNonNull(progressEvery, "progressEvery");
    }

    public ExportResult export(ExportRequest request) throws IOException {
        Files.createDirectories(request.out());
        Passes passes = new Passes(request);
        Optional<ClassCounts> counts = Optional.empty();
        if (request.format().needsClassList() || request.maxPerClass().isPresent()) {
            ClassCounts c = new ClassCounts();
            stream(request, passes.next("count labels"), (position, image) -> c.add(image));
            counts = Optional.of(c);
        }
        if (request.reviewTop().isPresent()) {
            return review(request, passes, counts);
        }
        if (request.maxPerClass().isPresent()) {
            return balanced(request, passes, counts.orElseThrow());
        }
        Counting sink = open(request, counts, Set.of());
        return sink.run(() -> stream(request, passes.next("write"), sink::write));
    }

    private ExportResult review(ExportRequest request, Passes passes, Optional<ClassCounts> counts) throws IOException {
        ReviewQueue queue = new ReviewQueue(request.reviewTop().getAsInt());
        Set<String> labels = new TreeSet<>();
        stream(request, passes.next("rank by uncertainty"), (position, image) -> {
            queue.offer(position, image);
            labels.addAll(ClassCounts.classesOf(image));
        });
        Counting sink = open(request, counts, labels);
        return sink.run(() -> {
            for (LabeledImage image : queue.mostUncertainFirst()) {
                sink.write(0, image);
            }
        });
    }

    private ExportResult balanced(ExportRequest request, Passes passes, ClassCounts counts) throws IOException {
        BalancedSelection selection = new BalancedSelection(counts.imagesPerClass(), request.maxPerClass().getAsInt());
        stream(request, passes.next("select a balanced subset"),
                (position, image) -> selection.offer(position, ClassCounts.classesOf(image)));
        long[] selected = selection.select();
        Counting sink = open(request, Optional.of(counts), counts.imagesPerClass().keySet());
        int[] next = {0};
        return sink.run(() -> stream(request, passes.next("write"), (position, image) -> {
            if (next[0] < selected.length && selected[next[0]] == position) {
                next[0]++;
                sink.write(position, image);
            }
        }));
    }

    private Counting open(ExportRequest request, Optional<ClassCounts> counts, Set<String> knownLabels) throws IOException {
        String runId = source.layout().runId();
        List<String> classes = counts.map(ClassCounts::sortedNames).orElse(List.of());
        ImageSink sink = switch (request.format()) {
            case COCO -> new CocoWriter(request.out().resolve("coco.json"), classes, runId);
            case YOLO -> new YoloWriter(request.out(), classes, runId);
            case LABEL_STUDIO -> new LabelStudioWriter(request.out(), request.modelVersion(), knownLabels);
        };
        return new Counting(request.format(), sink);
    }

    private void stream(ExportRequest request, String pass, RowConsumer consumer) throws IOException {
        ExportProgress lines = new ExportProgress(progress, progressEvery, request.format().cliName() + " " + pass);
        long rows = 0;
        long visible = 0;
        try (RunReader reader = source.open()) {
            while (reader.hasNext()) {
                LabeledImage row = reader.next();
                rows++;
                Optional<LabeledImage> seen = request.view().apply(row);
                if (seen.isPresent()) {
                    consumer.accept(visible++, seen.get());
                }
                lines.row(reader, rows);
            }
            lines.done(reader, rows);
        }
    }

    /** Numbers the passes of one export for its progress lines ("pass 2/3 (write)"). */
    private static final class Passes {
        private final int total;
        private int done;

        Passes(ExportRequest r) {
            boolean counting = r.format().needsClassList() || r.maxPerClass().isPresent();
            this.total = (counting ? 1 : 0) + (r.maxPerClass().isPresent() ? 2 : 1);
        }

        String next(String what) {
            return "pass " + (++done) + "/" + total + " (" + what + ")";
        }
    }

    /** A sink that counts what it writes, finishing it on success and aborting it on failure. */
    private static final class Counting {
        private interface Body {
            void run() throws IOException;
        }

        private final ExportFormat format;
        private final ImageSink sink;
        private long images;
        private long boxes;

        Counting(ExportFormat format, ImageSink sink) {
            this.format = format;
            this.sink = sink;
        }

        void write(long position, LabeledImage image) throws IOException {
            sink.write(image);
            images++;
            boxes += image.detections().size();
        }

        ExportResult run(Body body) throws IOException {
            try {
                body.run();
                sink.finish();
            } catch (IOException | RuntimeException e) {
                sink.abort();
                throw e;
            }
            return new ExportResult(format, images, boxes, sink.files());
        }
    }
}
