package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a report takes from {@code run.json}: timing, throughput, stage times, what went through the models
 * ({@code inference}) and what produced the labels. Fields an older run.json lacks read as zero or empty (stage
 * times and inference counts came later).
 */
public record RunFacts(String manifest, String startedAt, double wallSeconds, double imagesPerSecond, long shards,
        long shardsReused, Map<String, Double> stageSeconds, Map<String, String> modelHashes, String configHash,
        String sparkMaster, int executors, Inference inference) {

    /** Per pass ("pass1", "pass2") model inputs per image and tiles per tiled image, over {@code images}. */
    public record Inference(long images, long imagesTiled, Map<String, Double> inputsPerImage,
            Map<String, Double> tilesPerTiledImage) {

        public Inference {
            inputsPerImage = new TreeMap<>(requireNonNull(inputsPerImage, "inputsPerImage"));
            tilesPerTiledImage = new TreeMap<>(requireNonNull(tilesPerTiledImage, "tilesPerTiledImage"));
        }

        static Inference parse(JsonNode node) {
            Map<String, Double> inputs = new TreeMap<>();
            Map<String, Double> tiles = new TreeMap<>();
            for (String pass : java.util.List.of("pass1", "pass2")) {
                JsonNode p = node.path(pass);
                if (!p.isMissingNode()) {
                    inputs.put(pass, p.path("model_inputs_per_image").asDouble());
                    tiles.put(pass, p.path("tiles_per_tiled_image").asDouble());
                }
            }
            return new Inference(node.path("images").asLong(), node.path("images_tiled").asLong(), inputs, tiles);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunFacts {
        requireNonNull(manifest, "manifest");
        requireNonNull(startedAt, "startedAt");
        stageSeconds = new LinkedHashMap<>(requireNonNull(stageSeconds, "stageSeconds"));
        modelHashes = new TreeMap<>(requireNonNull(modelHashes, "modelHashes"));
        requireNonNull(configHash, "configHash");
        requireNonNull(sparkMaster, "sparkMaster");
        requireNonNull(inference, "inference");
    }

    /** The run's facts, or empty when it has no run.json (a run still in progress or one that stopped early). */
    public static Optional<RunFacts> read(BlobStore store, RunLayout layout) throws IOException {
        if (!store.exists(layout.runSummaryUri())) {
            return Optional.empty();
        }
        try (InputStream in = store.open(layout.runSummaryUri())) {
            return Optional.of(parse(JSON.readTree(in)));
        }
    }

    static RunFacts parse(JsonNode run) {
        Map<String, Double> stages = new LinkedHashMap<>();
        run.path("stage_seconds").properties().forEach(e -> stages.put(e.getKey(), e.getValue().asDouble()));
        Map<String, String> hashes = new TreeMap<>();
        run.path("model_hashes").properties().forEach(e -> hashes.put(e.getKey(), e.getValue().asText()));
        return new RunFacts(run.path("manifest").asText(""), run.path("started_at").asText(""),
                run.path("wall_seconds").asDouble(), run.path("images_per_second").asDouble(),
                run.path("shards").asLong(), run.path("shards_reused").asLong(), stages, hashes,
                run.path("config_hash").asText(""), run.path("spark").path("master").asText(""),
                run.path("spark").path("executors").asInt(), Inference.parse(run.path("inference")));
    }
}
