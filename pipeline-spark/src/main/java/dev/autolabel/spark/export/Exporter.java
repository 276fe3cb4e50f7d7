package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.output.ParallelShards;
import dev.autolabel.spark.output.RowPlace;
import dev.autolabel.spark.output.ShardReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exports a finished run in as many passes over its shards as the export needs, each pass working on the shards in
 * parallel ({@link ParallelShards}: a bounded thread pool, results taken in run order), never holding the run in
 * memory: a counting pass when the format needs the class list and ids up front (COCO, YOLO) or for a balanced
 * subset, a candidate pass for the balanced subset, then the writing pass, where workers render their shard into a
 * chunk and the chunks are put into the files in run order ({@link ImageSink}). The output is the same for any
 * number of threads. The review queue ranks all rows (O(K) memory per shard in flight) and writes its K images at
 * the end.
 */
public final class Exporter {

    /** What a worker does with the rows of one shard the export view lets through; used by one thread. */
    private interface ShardVisit<R> extends AutoCloseable {
        void accept(long visibleIndex, LabeledImage image) throws IOException;

        R result() throws IOException;

        @Override
        default void close() {
        }
    }

    private interface Visits<R> {
        ShardVisit<R> start(int shard, String shardUri) throws IOException;
    }

    private interface Results<R> {
        void accept(int shard, R result) throws IOException;
    }

    private record Done<R>(long rows, R result) {
    }

    /** The first pass: per shard, the images and boxes the view lets through, and the images per class. */
    private record RunCounts(ClassCounts classes, long[] images, long[] boxes) {
        ExportIds ids() {
            return ExportIds.of(images, boxes);
        }
    }

    private record ShardCounts(ClassCounts classes, long images, long boxes) {
    }

    private record ShardRanking(ReviewQueue queue, Set<String> labels) {
    }

    private final RunSource source;
    private final PrintStream progress;
    private final Duration progressEvery;
    private final ParallelShards parallel;

    /** An exporter working on as many shards at a time as there are cores. */
    public Exporter(RunSource source, PrintStream progress, Duration progressEvery) {
        this(source, progress, progressEvery, Runtime.getRuntime().availableProcessors());
    }

    public Exporter(RunSource source, PrintStream progress, Duration progressEvery, int threads) {
        this.source = requireNonNull(source, "source");
        this.progress = requireNonNull(progress, "progress");
        this.progressEvery = requireNonNull(progressEvery, "progressEvery");
        this.parallel = new ParallelShards(threads);
    }

    public ExportResult export(ExportRequest request) throws IOException {
        Files.createDirectories(request.out());
        List<String> shards = source.shards();
        Passes passes = new Passes(request);
        try (ChunkFolder chunks = new ChunkFolder(request.out())) {
            Path temp = chunks.path();
            Optional<RunCounts> counts = Optional.empty();
            if (request.format().needsClassList() || request.maxPerClass().isPresent()) {
                counts = Optional.of(count(request, shards, passes.next("count labels")));
            }
            if (request.reviewTop().isPresent()) {
                return review(request, shards, passes, counts, temp);
            }
            if (request.maxPerClass().isPresent()) {
                return balanced(request, shards, passes, counts.orElseThrow(), temp);
            }
            ExportIds ids = counts.map(RunCounts::ids).orElseGet(() -> noIds(shards.size()));
            Counting<?> sink = open(request, counts, Set.of(), ids, temp);
            return writeAll(request, shards, passes.next("write"), sink, (shard, visibleIndex) -> true);
        }
    }

    /** Label Studio numbers nothing: its exports need no counting pass. */
    private static ExportIds noIds(int shards) {
        return ExportIds.of(new long[shards], new long[shards]);
    }

    private RunCounts count(ExportRequest request, List<String> shards, String pass) throws IOException {
        RunCounts counts = new RunCounts(new ClassCounts(), new long[shards.size()], new long[shards.size()]);
        pass(request, shards, pass, (shard, uri) -> new ShardVisit<ShardCounts>() {
            private final ClassCounts classes = new ClassCounts();
            private long images;
            private long boxes;

            @Override
            public void accept(long visibleIndex, LabeledImage image) {
                classes.add(image);
                images++;
                boxes += image.detections().size();
            }

            @Override
            public ShardCounts result() {
                return new ShardCounts(classes, images, boxes);
            }
        }, (shard, c) -> {
            counts.classes().addAll(c.classes());
            counts.images()[shard] = c.images();
            counts.boxes()[shard] = c.boxes();
        });
        return counts;
    }

    private ExportResult review(ExportRequest request, List<String> shards, Passes passes, Optional<RunCounts> counts,
            Path temp) throws IOException {
        int k = request.reviewTop().getAsInt();
        ReviewQueue queue = new ReviewQueue(k);
        Set<String> labels = new TreeSet<>();
        pass(request, shards, passes.next("rank by uncertainty"), (shard, uri) -> new ShardVisit<ShardRanking>() {
            private final ShardRanking ranking = new ShardRanking(new ReviewQueue(k), new TreeSet<>());

            @Override
            public void accept(long visibleIndex, LabeledImage image) {
                ranking.queue().offer(new RowPlace(uri, visibleIndex), image);
                ranking.labels().addAll(ClassCounts.classesOf(image));
            }

            @Override
            public ShardRanking result() {
                return ranking;
            }
        }, (shard, ranking) -> {
            queue.addAll(ranking.queue());
            labels.addAll(ranking.labels());
        });
        List<LabeledImage> top = queue.mostUncertainFirst();
        long boxes = top.stream().mapToLong(i -> i.detections().size()).sum();
        return writeQueue(open(request, counts, labels, ExportIds.of(new long[] {top.size()}, new long[] {boxes}), temp),
                top);
    }

    private static <C extends ImageSink.Chunk> ExportResult writeQueue(Counting<C> sink, List<LabeledImage> top)
            throws IOException {
        return sink.run(() -> {
            try (ImageSink.ChunkWriter<C> writer = sink.sink().chunkWriter(0)) {
                for (LabeledImage image : top) {
                    writer.write(image);
                }
                sink.append(writer.finish());
            }
        });
    }

    private ExportResult balanced(ExportRequest request, List<String> shards, Passes passes, RunCounts counts, Path temp)
            throws IOException {
        int cap = request.maxPerClass().getAsInt();
        ExportIds visible = counts.ids(); // visible rows before shard s: visible.firstImage(s) - 1
        BalancedSelection selection = new BalancedSelection(counts.classes().imagesPerClass(), cap);
        pass(request, shards, passes.next("select a balanced subset"), (shard, uri) -> new ShardVisit<BalancedSelection>() {
            private final BalancedSelection local = new BalancedSelection(counts.classes().imagesPerClass(), cap);
            private final long before = visible.firstImage(shard) - 1;

            @Override
            public void accept(long visibleIndex, LabeledImage image) {
                local.offer(before + visibleIndex, ClassCounts.classesOf(image), image.detections().size());
            }

            @Override
            public BalancedSelection result() {
                return local;
            }
        }, (shard, local) -> selection.addAll(local));
        List<BalancedSelection.Pick> picks = selection.select();
        long[] images = new long[shards.size()];
        long[] boxes = new long[shards.size()];
        int shard = 0;
        for (BalancedSelection.Pick pick : picks) {
            while (pick.row() >= visible.firstImage(shard + 1) - 1) {
                shard++;
            }
            images[shard]++;
            boxes[shard] += pick.boxes();
        }
        long[] rows = picks.stream().mapToLong(BalancedSelection.Pick::row).toArray();
        Counting<?> sink = open(request, Optional.of(counts), counts.classes().imagesPerClass().keySet(),
                ExportIds.of(images, boxes), temp);
        return writeAll(request, shards, passes.next("write"), sink,
                (s, visibleIndex) -> Arrays.binarySearch(rows, visible.firstImage(s) - 1 + visibleIndex) >= 0);
    }

    /** Which rows of a shard (by index among the rows the view lets through) the writing pass writes. */
    private interface Selected {
        boolean test(int shard, long visibleIndex);
    }

    /** The writing pass: each shard rendered into a chunk by a worker, the chunks appended in run order. */
    private <C extends ImageSink.Chunk> ExportResult writeAll(ExportRequest request, List<String> shards, String pass,
            Counting<C> sink, Selected selected) throws IOException {
        return sink.run(() -> pass(request, shards, pass, (shard, uri) -> new ShardVisit<C>() {
            private final ImageSink.ChunkWriter<C> writer = sink.sink().chunkWriter(shard);

            @Override
            public void accept(long visibleIndex, LabeledImage image) throws IOException {
                if (selected.test(shard, visibleIndex)) {
                    writer.write(image);
                }
            }

            @Override
            public C result() throws IOException {
                return writer.finish();
            }

            @Override
            public void close() {
                writer.close();
            }
        }, (shard, chunk) -> sink.append(chunk)));
    }

    private Counting<?> open(ExportRequest request, Optional<RunCounts> counts, Set<String> knownLabels, ExportIds ids,
            Path temp) throws IOException {
        String runId = source.layout().runId();
        List<String> classes = counts.map(c -> c.classes().sortedNames()).orElse(List.of());
        return switch (request.format()) {
            case COCO -> new Counting<>(request.format(),
                    new CocoWriter(request.out(), classes, runId, ids, request.limits(), temp));
            case YOLO -> new Counting<>(request.format(),
                    new YoloWriter(request.out(), classes, runId, ids.images(), request.limits()));
            case LABEL_STUDIO -> new Counting<>(request.format(),
                    new LabelStudioWriter(request.out(), request.modelVersion(), knownLabels, request.limits(), temp));
        };
    }

    /** One pass over the shards, in parallel; each shard's result goes to {@code results} in run order. */
    private <R> void pass(ExportRequest request, List<String> shards, String pass, Visits<R> visits, Results<R> results)
            throws IOException {
        ExportProgress lines = new ExportProgress(progress, progressEvery.toNanos(),
                request.format().cliName() + " " + pass, shards.size());
        ExportView view = request.view();
        parallel.run(shards, (shard, uri) -> {
            try (ShardReader rows = ShardReader.open(source.store(), uri); ShardVisit<R> visit = visits.start(shard, uri)) {
                long read = 0;
                long visible = 0;
                while (rows.hasNext()) {
                    LabeledImage row = rows.next();
                    read++;
                    Optional<LabeledImage> seen = view.apply(row);
                    if (seen.isPresent()) {
                        visit.accept(visible++, seen.get());
                    }
                }
                return new Done<>(read, visit.result());
            }
        }, (shard, done) -> {
            results.accept(shard, done.result());
            lines.shardDone(shard, done.rows());
        });
        lines.done();
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
    private static final class Counting<C extends ImageSink.Chunk> {
        private interface Body {
            void run() throws IOException;
        }

        private final ExportFormat format;
        private final ImageSink<C> sink;
        private long images;
        private long boxes;

        Counting(ExportFormat format, ImageSink<C> sink) {
            this.format = format;
            this.sink = sink;
        }

        ImageSink<C> sink() {
            return sink;
        }

        void append(C chunk) throws IOException {
            sink.append(chunk);
            images += chunk.images();
            boxes += chunk.boxes();
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
