package dev.autolabel.labeling;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.PipelineSettings;
import dev.autolabel.image.ImageDecoders;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.labeling.InferenceCounts.Pass;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.LiveHeap;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child-JVM main for {@link TiledMemoryTest}: labels the given image files with tiling on, through the pipeline with
 * the per-task settings {@code deploy/README.md} recommends (32 reads in flight, 5 decode threads, a queue of two
 * batches of 32), and samples the live heap (used right after a full GC) every 500 ms while it runs. Prints each
 * row's labels ({@code LABEL <image> <label> x1 y1 x2 y2 tile|full}), then {@code TILES}, {@code RESIZE_BUFFERS},
 * {@code PEAK_LIVE} and {@code ROWS}.
 */
public final class TiledMemoryProbe {

    private TiledMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        AutolabelConfig config = ConfigLoader.fromConfig(ConfigFactory.parseString(String.format("""
                autolabel {
                  execution { batch-size = 32, fetch-concurrency = 32, decode-threads = 5, queue-capacity = 0 }
                  precision { model = "%s", threshold = 0.5, tiling { enabled = true, overlap = 0.25 } }
                  open-vocab.enabled = false
                }
                """, FixtureModels.yolo())), Map.of());
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            rows.add(new ManifestEntry("img-" + i, args[i], i + 1, Map.of()));
        }
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(LiveHeap.afterFullGc(), Math::max);
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        sampler.setDaemon(true);
        try (LocalBlobStore store = new LocalBlobStore(1L << 30)) {
            PassDetectors passes = PassDetectorFactory.create(config, java.util.Optional.empty(), new ModelLocator(store),
                    config.execution());
            LabelingPipeline pipeline = new LabelingPipeline(store,
                    ImageDecoders.create(config.image(), config.decoder(), passes.views()), passes,
                    new Provenance("memory", Map.of(), config.labelingConfigHash(), 3), Clock.systemUTC(),
                    config.pipeline());
            sampler.start();
            List<LabeledImage> out = new ArrayList<>();
            PipelineStats stats = pipeline.run(rows.iterator(), out::add);
            sampler.interrupt();
            for (LabeledImage row : out) {
                row.errorMessage().ifPresent(m -> System.out.println("FAILED " + row.imageId() + " " + m));
                for (LabeledDetection d : row.detections()) {
                    System.out.printf(Locale.ROOT, "LABEL %s %s %.1f %.1f %.1f %.1f %s%n", row.imageId(), d.label(),
                            d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2(), d.tile().isPresent() ? "tile" : "full");
                }
            }
            System.out.println("TILES " + pipeline.inferenceCounts().tiles(Pass.PRECISION));
            System.out.println("RESIZE_BUFFERS " + stats.resizeBuffers());
            System.out.println("ROWS " + stats.rows());
            System.out.printf(Locale.ROOT, "SECONDS %.1f%n", stats.wallNanos() / 1e9);
        }
        System.out.println("PEAK_LIVE " + Math.max(peak.get(), LiveHeap.afterFullGc()));
    }
}
