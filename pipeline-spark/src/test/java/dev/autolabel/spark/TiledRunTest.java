package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiled run through the Spark job: labels record their tile in the shards (read back with Spark's own Parquet
 * reader), run.json counts tiles per image and the inference cost, and the report shows them.
 */
class TiledRunTest {

    private static final Color GREY = new Color(114, 114, 114);

    @TempDir
    Path dir;

    @Test
    void tilesAreRecordedPerLabelCountedInRunJsonAndShownInTheReport() throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            // 320x160: 7 x 3 tiles of the fixture's 64-pixel input overlapping by 16; red crosses tile borders.
            Files.write(dir.resolve("big-" + i + ".png"), TestImages.canvas(320, 160, GREY)
                    .fill(30 + i, 20, 90, 50, Color.RED).png());
            manifest.append("{\"id\": \"big-").append(i).append("\", \"uri\": \"").append(dir.resolve("big-" + i + ".png"))
                    .append("\"}\n");
        }
        Files.write(dir.resolve("small.png"), TestImages.canvas(60, 40, GREY).fill(10, 10, 30, 30, Color.RED).png());
        manifest.append("{\"id\": \"small\", \"uri\": \"").append(dir.resolve("small.png")).append("\"}\n");
        Path manifestFile = Files.writeString(dir.resolve("manifest.jsonl"), manifest);
        Path config = Files.writeString(dir.resolve("run.conf"), String.format("""
                autolabel {
                  run { output = "%s", images-per-shard = 3, progress-interval = 1h }
                  manifest.uri = "%s"
                  execution.batch-size = 8
                  precision { model = "%s", threshold = 0.5, tiling { enabled = true, overlap = 0.25 } }
                  open-vocab.enabled = false
                }
                """, dir.resolve("out"), manifestFile, FixtureModels.yolo()));

        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("tiled").set("spark.ui.enabled", "false");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            new LabelingJob(spark, new PrintStream(OutputStream.nullOutputStream())).run(new RunRequest(config,
                    Map.of("run.id", "tiled")));
            List<Row> rows = SparkSession.builder().sparkContext(spark.sc()).getOrCreate().read()
                    .parquet(dir.resolve("out/tiled").toString() + "/part-*.parquet").selectExpr("image_id", "schema_version",
                            "inline(detections)").collectAsList();
            Map<String, Row> byImage = rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
            assertEquals(5, byImage.size(), "one red label per image: " + rows);
            for (int i = 0; i < 4; i++) {
                Row red = byImage.get("big-" + i);
                assertEquals(LabeledImage.SCHEMA_VERSION, red.getInt(1), "schema version");
                assertEquals(30 + i, red.getFloat(red.fieldIndex("x1")), 2f);
                assertEquals(90, red.getFloat(red.fieldIndex("x2")), 2f);
                Row tile = red.getStruct(red.fieldIndex("tile"));
                assertEquals(64, tile.getInt(tile.fieldIndex("width")), "the label's tile: " + tile);
                assertTrue(tile.getInt(tile.fieldIndex("x")) <= 30 + i + 2, "the tile holds part of the label: " + tile);
            }
            assertTrue(byImage.get("small").isNullAt(byImage.get("small").fieldIndex("tile")), "an image smaller than a tile goes whole");
        }

        JsonNode inference = new ObjectMapper().readTree(dir.resolve("out/tiled/run.json").toFile()).path("inference");
        assertEquals(5, inference.path("images").asInt());
        assertEquals(4, inference.path("images_tiled").asInt());
        JsonNode pass1 = inference.path("pass1");
        assertEquals(5, pass1.path("full_views").asInt(), "every image whole too (include-full-image)");
        assertEquals(4 * 21, pass1.path("tiles").asInt());
        assertEquals(21.0, pass1.path("tiles_per_tiled_image").asDouble(), 1e-9);
        assertEquals((5 + 84) / 5.0, pass1.path("model_inputs_per_image").asDouble(), 1e-9);
        assertTrue(inference.path("pass2").isMissingNode(), "pass 2 did not run");

        String html = Files.readString(dir.resolve("out/tiled/report.html"));
        assertTrue(html.contains("Tiled inference"), "the run's report has a tiling section");
        assertTrue(html.contains("4 of 5 images were cut into tiles"), "and says how many images were tiled");
        assertTrue(html.contains("<td class=\"num\">21.0</td><td class=\"num\">17.80</td>"),
                "tiles per tiled image and model inputs per image");
    }
}
