package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 ({@link LocalSparkCluster}: one master, one worker), the shaded
 * application jar submitted with spark-submit, and the output checked row by row. Runs after {@code package}
 * (failsafe), since it needs the shaded jar.
 */
class StandaloneClusterIT {

    @TempDir
    Path tmp;

    @Test
    void sparkSubmitToAStandaloneClusterLabelsEveryRowOnce() throws Exception {
        LabelingScenario scenario = new LabelingScenario(8);
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (LabelingScenario.Image image : scenario.images()) {
            Files.createDirectories(data.resolve(image.key()).getParent());
            Files.write(data.resolve(image.key()), image.bytes());
        }
        for (Map.Entry<String, byte[]> extra : scenario.extraObjects().entrySet()) {
            Files.write(data.resolve(extra.getKey()), extra.getValue());
        }
        Path manifest = Files.writeString(tmp.resolve("manifest.jsonl"),
                scenario.manifestJsonl(key -> data.resolve(key).toString()));
        Path output = tmp.resolve("out");
        Path config = Files.writeString(tmp.resolve("run.conf"),
                LabelingScenario.localConfig(manifest.toString(), output.toString(), 3));

        try (LocalSparkCluster cluster = LocalSparkCluster.start("standalone", tmp, 1, 2, "2g")) {
            Process submit = cluster.submit("1g", "run", "--config", config.toString(), "--run-id", "cluster");
            assertTrue(submit.waitFor(6, TimeUnit.MINUTES), "spark-submit finished in time");
            assertEquals(0, submit.exitValue(), "spark-submit exit code; log: " + cluster.tail("submit"));

            Path runDir = output.resolve("cluster");
            JsonNode runJson = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
            System.out.println("cluster run: " + runJson.get("images") + " images in " + runJson.get("wall_seconds")
                    + " s = " + runJson.get("images_per_second") + " images/s on " + runJson.path("spark"));
            assertEquals(cluster.masterUrl(), runJson.path("spark").path("master").asText());
            assertTrue(runJson.path("spark").path("executors").asInt() >= 1, "ran on the cluster's executor");
        }
        try (SparkSession reader = SparkSession.builder().master("local[1]").appName("read-back")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            List<Row> rows = reader.read().parquet(output.resolve("cluster") + "/part-*.parquet").collectAsList();
            scenario.verify(rows, "cluster");
        }
    }
}
