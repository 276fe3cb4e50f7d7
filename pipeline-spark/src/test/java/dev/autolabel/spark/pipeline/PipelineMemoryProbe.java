package dev.autolabel.spark.pipeline;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.PipelineSettings;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.label.Provenance;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.labeling.LabelingPipeline;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.labeling.PipelineStats;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.spark.output.ShardWriter;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.LiveHeap;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child-JVM main for {@link PipelineMemoryTest}: labels {@code rows} manifest rows (cycling over the images in
 * {@code imagesDir}, rows generated on the fly so the input itself takes no memory) through the pipeline, into a
 * Parquet shard or (shard "-") nowhere, and samples the live heap (used heap right after a full GC) while the
 * pipeline is full. Prints {@code LIVE <row> <bytes>} per sample, then {@code ROWS <n>}, {@code PEAK <bytes>}.
 */
public final class PipelineMemoryProbe {

    private PipelineMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path images = Path.of(args[0]);
        int imageCount = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        Optional<Path> shard = args[3].equals("-") ? Optional.empty() : Optional.of(Path.of(args[3]));
        AutolabelConfig config = config();
        AtomicLong written = new AtomicLong();
        AtomicLong peak = new AtomicLong();
        try (LocalBlobStore store = new LocalBlobStore(1 << 20);
                ShardWriter writer = shard.isPresent() ? new ShardWriter(shard.get()) : null) {
            PassDetectors passes = PassDetectorFactory.create(config,
                    Optional.of(EmbeddingsLoader.load(store, config.openVocab().orElseThrow())), new ModelLocator(store),
                    config.execution());
            LabelingPipeline pipeline = new LabelingPipeline(store, new ImageIoDecoder(config.image()), passes,
                    new Provenance("memory", Map.of(), config.labelingConfigHash(), 2), Clock.systemUTC(),
                    new PipelineSettings(16, 2, 16));
            PipelineStats stats = pipeline.run(rows(images, imageCount, rows), row -> {
                if (writer != null) {
                    writer.write(row);
                }
                long n = written.incrementAndGet();
                if (n == 50 || n % 500 == 0) {
                    long live = LiveHeap.afterFullGc();
                    peak.accumulateAndGet(live, Math::max);
                    System.out.println("LIVE " + n + " " + live);
                }
            });
            System.out.println("ROWS " + stats.rows());
            System.out.println("RESIZE_BUFFERS " + stats.resizeBuffers());
        }
        System.out.println("WRITTEN " + written.get());
        System.out.println("PEAK " + peak.get());
    }

    private static Iterator<ManifestRow> rows(Path images, int imageCount, int rows) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows;
            }

            @Override
            public ManifestRow next() {
                int i = next++;
                return new ManifestEntry("img-" + i, images.resolve("img-" + (i % imageCount) + ".png").toString(), i + 1,
                        Map.of("camera", "cam-" + (i % 7)));
            }
        };
    }

    private static AutolabelConfig config() {
        String text = String.format("""
                autolabel {
                  execution.batch-size = 8
                  precision { model = "%s", threshold = 0.6 }
                  open-vocab { model = "%s", embeddings-file = "%s", threshold = 0.3,
                    prompts = [ { label = yellow, texts = ["yellow thing"] } ] }
                }
                """, FixtureModels.yolo(), FixtureModels.openVocab(), FixtureModels.embeddingsFile());
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text), Map.of());
    }
}
