package dev.autolabel.spark.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.spark.LabelingScenario;
import dev.autolabel.spark.cli.AutolabelCli;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autolabel run --since RUN_ID} from the command line: the second run copies every unchanged row. */
class SinceOptionCliTest {

    @TempDir
    Path tmp;

    @Test
    void sinceMakesARunIncrementalAndRunJsonRecordsTheParent() throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Path image = Files.write(tmp.resolve("img-" + i + ".png"),
                    TestImages.canvas(64, 48, Color.GRAY).fill(4 + i, 6, 30, 36, Color.RED).png());
            manifest.append("{\"id\": \"img-").append(i).append("\", \"uri\": \"").append(image).append("\"}\n");
        }
        Path manifestFile = Files.writeString(tmp.resolve("m.jsonl"), manifest.toString());
        Path out = tmp.resolve("out");
        Path config = Files.writeString(tmp.resolve("run.conf"), LabelingScenario.localConfig(manifestFile.toString(),
                out.toString(), 10));
        assertTrue(cli("run", "--help").contains("--since"), "run --help explains --since");

        String first = cli("run", "--config", config.toString(), "--master", "local[2]", "--run-id", "monday");
        String second = cli("run", "--config", config.toString(), "--master", "local[2]", "--run-id", "tuesday",
                "--since", "monday");

        assertTrue(first.contains("[autolabel] done: 3 images"), first);
        assertTrue(second.contains("incremental: 3 rows copied from run monday, 0 labeled"), second);
        JsonNode runJson = new ObjectMapper().readTree(out.resolve("tuesday/run.json").toFile());
        assertEquals("monday", runJson.get("parent_run").asText());
        assertEquals(3, runJson.get("rows_reused_from_parent").asInt());
        assertEquals(0, runJson.get("rows_labeled").asInt());
        assertTrue(new ObjectMapper().readTree(out.resolve("monday/run.json").toFile()).get("parent_run").isNull());
    }

    private static String cli(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            int code = AutolabelCli.execute(args);
            assertEquals(0, code, "exit code of " + String.join(" ", args));
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(out);
        }
    }
}
