package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.spark.output.ShardWriter;
import dev.autolabel.storage.LoopbackS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Problems that stop a run before any labeling, as the console of {@code autolabel run} shows them (each in a JVM
 * of its own with the launcher's log settings): one line naming the object and the fix, exit code 2, and no stack
 * trace. Manifests on local disk and on a real S3-compatible server on 127.0.0.1.
 */
class FatalErrorsTest {

    private static LoopbackS3Server s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() throws IOException {
        s3 = LoopbackS3Server.start();
        s3.createBucket("data");
        try (S3Client client = s3.newClient()) {
            client.putObject(b -> b.bucket("data").key("m/today.jsonl"), RequestBody.fromString("{\"uri\": \"s3://data/a.jpg\"}\n"));
            client.putObject(b -> b.bucket("data").key("m/broken.parquet"), RequestBody.fromString("not parquet at all"));
        }
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void aMissingLocalManifest() throws Exception {
        CliProcess.Result r = run("missing-local", tmp.resolve("nowhere/today.jsonl").toString(), s3.secretKey());
        assertOneLine(r, "manifest " + tmp.resolve("nowhere/today.jsonl") + " does not exist", "manifest.uri");
    }

    @Test
    void aMissingManifestOnS3() throws Exception {
        CliProcess.Result r = run("missing-s3", "s3://data/m/yesterday.jsonl", s3.secretKey());
        assertOneLine(r, "manifest s3://data/m/yesterday.jsonl does not exist", "manifest.uri");
    }

    @Test
    void aWrongSecretKey() throws Exception {
        CliProcess.Result r = run("wrong-secret", "s3://data/m/today.jsonl", "not-the-secret");
        assertOneLine(r, "access to manifest s3://data/m/today.jsonl was refused (403 Forbidden)",
                "storage.s3.secret-access-key");
    }

    @Test
    void aMissingBucket() throws Exception {
        CliProcess.Result r = run("missing-bucket", "s3://no-such-bucket/today.jsonl", s3.secretKey());
        assertOneLine(r, "the S3 bucket of manifest s3://no-such-bucket/today.jsonl does not exist", "bucket name");
    }

    @Test
    void anUnreadableParquetManifest() throws Exception {
        CliProcess.Result r = run("broken-parquet", "s3://data/m/broken.parquet", s3.secretKey());
        assertOneLine(r, "s3://data/m/broken.parquet is not a Parquet file", "check the file");
    }

    @Test
    void aParquetManifestIsNeverReadAsUriLines() throws Exception {
        Path parquet = tmp.resolve("m.parquet");
        try (ShardWriter w = new ShardWriter(parquet)) { // any real Parquet file
            w.write(LabeledImage.failed("a", "/x/a.jpg", ErrorCode.NOT_FOUND, "gone",
                    new Provenance("r", Map.of(), "cfg", 2), Instant.EPOCH, Map.of()));
        }
        CliProcess.Result r = run("parquet-as-uris", parquet.toString(), s3.secretKey(), "--set", "manifest.format=uris");
        assertOneLine(r, "is a Parquet file, but manifest.format is uris", "manifest.format = parquet");
    }

    private CliProcess.Result run(String name, String manifest, String secret, String... more) throws Exception {
        Path config = Files.writeString(tmp.resolve(name + ".conf"), LabelingScenario.localConfig(manifest,
                tmp.resolve("out").toString(), 10) + "\nautolabel.storage.s3 { endpoint = \"" + s3.endpoint()
                + "\", path-style = true, access-key-id = \"" + s3.accessKey() + "\", secret-access-key = \"" + secret
                + "\" }\n");
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--master",
                "local[1]", "--run-id", name));
        args.addAll(List.of(more));
        return CliProcess.run("fatal-" + name, args.toArray(String[]::new));
    }

    private static void assertOneLine(CliProcess.Result r, String what, String fix) {
        assertEquals(2, r.exitCode(), r.console());
        assertEquals(1, r.errorLines().size(), "one error line: " + r.console());
        String line = r.errorLines().get(0);
        assertTrue(line.contains(what), "names the object: " + line);
        assertTrue(line.contains(fix), "says what to fix: " + line);
        assertEquals(List.of(), r.traceLines(), "no stack trace on the console: " + r.console());
        System.out.println("[fatal] " + line);
    }
}
