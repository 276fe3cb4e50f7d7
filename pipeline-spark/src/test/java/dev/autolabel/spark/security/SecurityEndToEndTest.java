package dev.autolabel.spark.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.config.InvalidConfigException;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.model.ModelException;
import dev.autolabel.model.Sha256;
import dev.autolabel.spark.LabelingScenario;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.storage.LoopbackS3Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Security settings in a whole run against a real S3-compatible server with static credentials: the secret key
 * never appears in any log event, on the console, in run.json or in any object the run wrote; images outside
 * storage.allowed-prefixes become INVALID_URI rows; output is written with server-side encryption; pinned model
 * hashes let a run through when right and stop it, naming the model, when wrong.
 */
class SecurityEndToEndTest {

    private static LoopbackS3Server s3;
    private static JavaSparkContext spark;
    private static final LabelingScenario SCENARIO = new LabelingScenario(4);

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        s3 = LoopbackS3Server.start();
        s3.createBucket("data");
        s3.createBucket("labels");
        try (S3Client client = s3.newClient()) {
            SCENARIO.images().forEach(i -> put(client, i.key(), i.bytes()));
            SCENARIO.extraObjects().forEach((key, bytes) -> put(client, key, bytes));
            put(client, "private/payroll.jpg", SCENARIO.images().get(0).bytes());
            put(client, "models/yolo.onnx", Files.readAllBytes(FixtureModels.yolo()));
            put(client, "models/owl.onnx", Files.readAllBytes(FixtureModels.openVocab()));
            put(client, "models/prompts.json", Files.readAllBytes(FixtureModels.embeddingsFile()));
            String manifest = SCENARIO.manifestJsonl(key -> "s3://data/" + key)
                    + "{\"id\": \"forbidden\", \"uri\": \"s3://data/private/payroll.jpg\"}\n";
            put(client, "manifests/today.jsonl", manifest.getBytes(StandardCharsets.UTF_8));
        }
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("security")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aRunWithStaticKeysKeepsTheSecretOutOfLogsConsoleRunJsonAndOutput() throws Exception {
        Path config = s3Config();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunSummary summary;
        try (SecretWatch logs = SecretWatch.attach(s3.secretKey())) {
            summary = new LabelingJob(spark, new PrintStream(console, true, StandardCharsets.UTF_8))
                    .run(new RunRequest(config, Map.of("run.id", "secure")));
            assertTrue(logs.events() > 0 && logs.sawCommittedShard(), "the log capture saw the run's own log lines");
            assertEquals(List.of(), logs.leaks(), "log events showing the secret key");
        }
        assertFalse(console.toString(StandardCharsets.UTF_8).contains(s3.secretKey()));
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("run secure"));

        List<String> written = objects("labels", "runs/secure/");
        assertTrue(written.contains("runs/secure/run.json") && written.size() >= 3, written.toString());
        for (String key : written) {
            String text = new String(get("labels", key), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(s3.secretKey()), key + " shows the secret key");
        }
        JsonNode runJson = new ObjectMapper().readTree(get("labels", "runs/secure/run.json"));
        assertFalse(runJson.toString().contains(s3.accessKey()), "run.json redacts the access key id too");
        assertEquals("AES256", runJson.path("config").path("storage").path("s3").path("server-side-encryption").asText());
        assertEquals(SCENARIO.manifestRows() + 1, summary.images());
    }

    @Test
    void imagesOutsideTheAllowedPrefixesFailAsInvalidUri() throws Exception {
        new LabelingJob(spark, new PrintStream(PrintStream.nullOutputStream()))
                .run(new RunRequest(s3Config(), Map.of("run.id", "fenced")));
        List<LabeledImage> rows = new ArrayList<>();
        try (BlobStore store = BlobStores.create(s3.storageSettings(1 << 20));
                RunReader reader = new RunReader(store, new RunLayout("s3://labels/runs", "fenced"))) {
            reader.forEachRemaining(rows::add);
        }
        LabeledImage forbidden = rows.stream().filter(r -> r.imageId().equals("forbidden")).findFirst().orElseThrow();
        assertEquals(ErrorCode.INVALID_URI, forbidden.errorCode().orElseThrow());
        assertTrue(forbidden.errorMessage().orElseThrow().contains("storage.allowed-prefixes"));
        assertEquals(SCENARIO.images().size(), rows.stream().filter(r -> r.errorCode().isEmpty()).count(),
                "images inside the prefixes are labeled");
    }

    @Test
    void aManifestOutsideTheAllowedPrefixesStopsTheRunBeforeAnyWork() throws Exception {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new LabelingJob(spark, new PrintStream(PrintStream.nullOutputStream())).run(new RunRequest(s3Config(),
                        Map.of("run.id", "outside", "manifest.uri", "s3://data/private/manifest.jsonl"))));
        assertTrue(e.getMessage().contains("manifest.uri") && e.getMessage().contains("storage.allowed-prefixes"),
                e.getMessage());
        assertEquals(List.of(), objects("labels", "runs/outside/"));
    }

    @Test
    void aWrongPinnedHashStopsTheRunNamingTheModel() throws Exception {
        Path manifest = Files.writeString(tmp.resolve("m.jsonl"), "");
        Path config = Files.writeString(tmp.resolve("local.conf"),
                LabelingScenario.localConfig(manifest.toString(), tmp.resolve("out").toString(), 10));
        String wrong = "0".repeat(64);
        LabelingJob job = new LabelingJob(spark, new PrintStream(PrintStream.nullOutputStream()));

        ModelException precision = assertThrows(ModelException.class,
                () -> job.run(new RunRequest(config, Map.of("run.id", "p", "precision.sha256", wrong))));
        assertTrue(precision.getMessage().contains(FixtureModels.yolo().getFileName().toString())
                && precision.getMessage().contains(wrong), precision.getMessage());
        ModelException openVocab = assertThrows(ModelException.class,
                () -> job.run(new RunRequest(config, Map.of("run.id", "o", "open-vocab.sha256", wrong))));
        assertTrue(openVocab.getMessage().contains(FixtureModels.openVocab().getFileName().toString()),
                openVocab.getMessage());
        assertFalse(Files.exists(tmp.resolve("out/p/run.json")));
    }

    /** The S3 run config: static keys, SSE, allowed prefixes without private/, both models pinned correctly. */
    private Path s3Config() throws IOException {
        String extra = String.join("\n",
                "  storage.s3 { endpoint = \"" + s3.endpoint() + "\", path-style = true, access-key-id = \"" + s3.accessKey()
                        + "\", secret-access-key = \"" + s3.secretKey() + "\", server-side-encryption = AES256 }",
                "  storage.allowed-prefixes = [\"s3://data/photos/\", \"s3://data/models\", \"s3://data/manifests/\"]",
                "  precision.sha256 = \"" + Sha256.ofFile(FixtureModels.yolo()) + "\"",
                "  open-vocab.sha256 = \"" + Sha256.ofFile(FixtureModels.openVocab()) + "\"");
        return Files.writeString(tmp.resolve("s3.conf"), LabelingScenario.config("s3://data/manifests/today.jsonl",
                "s3://labels/runs", "s3://data/models/yolo.onnx", "s3://data/models/owl.onnx",
                "s3://data/models/prompts.json", 3, extra));
    }

    private static List<String> objects(String bucket, String prefix) {
        try (S3Client client = s3.newClient()) {
            return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    private static byte[] get(String bucket, String key) {
        try (S3Client client = s3.newClient()) {
            return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        }
    }

    private static void put(S3Client client, String key, byte[] bytes) {
        client.putObject(b -> b.bucket("data").key(key), RequestBody.fromBytes(bytes));
    }

    /**
     * A log4j2 appender on the root logger (our own loggers at DEBUG meanwhile) that checks every event's message
     * and stack trace for a secret.
     */
    private static final class SecretWatch extends AbstractAppender implements AutoCloseable {

        private final String secret;
        private final AtomicLong events = new AtomicLong();
        private final List<String> leaks = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean committedShard;
        private final Level ownLevel;

        private SecretWatch(String secret) {
            super("secret-watch", null, null, true, Property.EMPTY_ARRAY);
            this.secret = secret;
            this.ownLevel = LogManager.getLogger("dev.autolabel").getLevel();
        }

        static SecretWatch attach(String secret) {
            SecretWatch watch = new SecretWatch(secret);
            watch.start();
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            Configuration config = context.getConfiguration();
            config.getRootLogger().addAppender(watch, Level.ALL, null);
            Configurator.setLevel("dev.autolabel", Level.DEBUG);
            context.updateLoggers();
            return watch;
        }

        @Override
        public void append(LogEvent event) {
            events.incrementAndGet();
            String text = event.getMessage().getFormattedMessage();
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                text += trace;
            }
            if (text.contains("Committed shard")) {
                committedShard = true;
            }
            if (text.contains(secret)) {
                leaks.add(event.getLoggerName() + ": " + text);
            }
        }

        long events() {
            return events.get();
        }

        boolean sawCommittedShard() {
            return committedShard;
        }

        List<String> leaks() {
            return leaks;
        }

        @Override
        public void close() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(getName());
            Configurator.setLevel("dev.autolabel", ownLevel);
            context.updateLoggers();
            stop();
        }
    }
}
