package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What went through the models, summed over the runs of one {@link LabelingPipeline} (or one {@link PassRunner}):
 * images and those that were tiled, and per pass the whole-image views, the tiles, the model runs and how many
 * inputs each run held. With tiling off every image is one whole view per pass, so model inputs per image is the
 * inference cost of tiling as a multiple of no tiling. Thread-safe.
 */
public final class InferenceCounts {

    /** A pass, by the key prefix counts carry in shard markers and run.json. */
    public enum Pass {
        PRECISION("pass1"),
        OPEN_VOCAB("pass2");

        private final String key;

        Pass(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final LongAdder images = new LongAdder();
    private final LongAdder tiledImages = new LongAdder();
    private final Map<Pass, LongAdder> fullViews = adders();
    private final Map<Pass, LongAdder> tiles = adders();
    private final Map<Pass, LongAdder> runs = adders();
    private final Map<Pass, Map<Integer, LongAdder>> batchSizes = new ConcurrentHashMap<>();

    private static Map<Pass, LongAdder> adders() {
        Map<Pass, LongAdder> m = new ConcurrentHashMap<>();
        for (Pass p : Pass.values()) {
            m.put(p, new LongAdder());
        }
        return m;
    }

    /** An image that reached the models, and whether any pass saw it as tiles. */
    void image(boolean tiled) {
        images.increment();
        if (tiled) {
            tiledImages.increment();
        }
    }

    /** One view a pass ran on: a tile, or the whole image. */
    void view(Pass pass, boolean tile) {
        (tile ? tiles : fullViews).get(requireNonNull(pass, "pass")).increment();
    }

    /** One model run of {@code inputs} views. */
    void run(Pass pass, int inputs) {
        runs.get(requireNonNull(pass, "pass")).increment();
        batchSizes.computeIfAbsent(pass, p -> new ConcurrentHashMap<>()).computeIfAbsent(inputs, k -> new LongAdder())
                .increment();
    }

    public long images() {
        return images.sum();
    }

    public long tiledImages() {
        return tiledImages.sum();
    }

    public long fullViews(Pass pass) {
        return fullViews.get(pass).sum();
    }

    public long tiles(Pass pass) {
        return tiles.get(pass).sum();
    }

    /** Whole views and tiles together: the inputs the pass's model ran on. */
    public long modelInputs(Pass pass) {
        return fullViews(pass) + tiles(pass);
    }

    public long runs(Pass pass) {
        return runs.get(pass).sum();
    }

    /** Model runs by the number of inputs they held, ascending. */
    public Map<Integer, Long> batchSizes(Pass pass) {
        Map<Integer, Long> out = new TreeMap<>();
        batchSizes.getOrDefault(pass, Map.of()).forEach((size, n) -> out.put(size, n.sum()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The counts as flat keys for shard markers ({@code images}, {@code images_tiled}, {@code pass1_full_views},
     * {@code pass1_tiles}, {@code pass1_runs}, likewise {@code pass2_*}), summed over shards into run.json.
     */
    public Map<String, Long> asMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("images", images());
        out.put("images_tiled", tiledImages());
        for (Pass p : Pass.values()) {
            out.put(p.key() + "_full_views", fullViews(p));
            out.put(p.key() + "_tiles", tiles(p));
            out.put(p.key() + "_runs", runs(p));
        }
        return out;
    }
}
