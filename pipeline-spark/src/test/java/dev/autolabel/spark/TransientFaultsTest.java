package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunStatus;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.storage.S3BlobStore;
import dev.autolabel.storage.S3Settings;
import dev.autolabel.storage.StorageSettings;
import dev.autolabel.testing.FaultPlan;
import dev.autolabel.testing.FaultProxy;
import dev.autolabel.testing.FaultProxy.Fault;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.storage.LoopbackS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transient S3 faults cost retries, not rows: whole runs on local[2] with every request (manifest, models,
 * embeddings, images, shard uploads, commit markers, run.json) going through a {@link FaultProxy} in front of
 * a real S3-compatible server. A key that stalls longer than every attempt's deadline becomes a TIMEOUT row.
 */
class TransientFaultsTest {

    private static LoopbackS3Server s3;
    private static JavaSparkContext spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        s3 = LoopbackS3Server.start();
        s3.createBucket("data");
        s3.createBucket("labels");
        try (S3BlobStore store = direct()) {
            store.write("s3://data/models/faults-yolo.onnx", Files.readAllBytes(FixtureModels.yolo()));
            store.write("s3://data/models/faults-owl.onnx", Files.readAllBytes(FixtureModels.openVocab()));
            store.write("s3://data/models/faults-prompts.json", Files.readAllBytes(FixtureModels.embeddingsFile()));
        }
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("transient-faults")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        s3.close();
    }

    @Test
    void throttlingServerErrorsResetsAndDelaysCostRetriesNotRows() throws Exception {
        LabelingScenario scenario = upload(new LabelingScenario(40), "flaky");
        FaultPlan plan = FaultPlan.clean(42).withRate(Fault.SLOW_DOWN, 0.08).withRate(Fault.INTERNAL_ERROR, 0.05)
                .withRate(Fault.RESET, 0.05).withRate(Fault.DELAY, 0.06).withDelay(Duration.ofMillis(300))
                .withMaxConsecutiveFaults(3);
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), plan)) {
            RunSummary summary = run(scenario, "flaky", proxy, "max-attempts = 6, attempt-timeout = 10s");
            assertEquals(RunStatus.COMPLETED, summary.status());
            RowCensus census = census(scenario, "flaky");
            System.out.println("[faults] " + proxy.describe());
            census.print("transient faults");
            census.assertExactlyOnce();
            assertOnlyTheScenarioFailures(scenario, census, Map.of());
            Map<Fault, Long> injected = proxy.injected();
            for (Fault f : List.of(Fault.SLOW_DOWN, Fault.INTERNAL_ERROR, Fault.RESET, Fault.DELAY)) {
                assertTrue(injected.get(f) > 0, "the run met " + f + ": " + proxy.describe());
            }
        }
    }

    @Test
    void aKeyStalledPastEveryAttemptDeadlineIsATimeoutRowAndTheRunGoesOn() throws Exception {
        LabelingScenario scenario = upload(new LabelingScenario(6), "stall");
        String stalled = scenario.images().get(1).key();
        FaultPlan plan = FaultPlan.clean(1).stalling("data/stall/" + stalled, Duration.ofSeconds(8));
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), plan)) {
            RunSummary summary = run(scenario, "stall", proxy, "max-attempts = 2, attempt-timeout = 1500ms, api-call-timeout = 20s");
            assertEquals(RunStatus.COMPLETED, summary.status());
            RowCensus census = census(scenario, "stall");
            System.out.println("[faults] " + proxy.describe());
            census.print("stalled key");
            census.assertExactlyOnce();
            assertOnlyTheScenarioFailures(scenario, census, Map.of(scenario.images().get(1).id(), ErrorCode.TIMEOUT));
            assertEquals(2, proxy.injected().get(Fault.STALL), "both attempts of the stalled read timed out");
        }
    }

    /** Puts the scenario's objects under {@code data/<prefix>/} and its manifest at {@code data/<prefix>.jsonl}. */
    private static LabelingScenario upload(LabelingScenario scenario, String prefix) throws IOException {
        try (S3BlobStore store = direct()) {
            for (LabelingScenario.Image image : scenario.images()) {
                store.write("s3://data/" + prefix + "/" + image.key(), image.bytes());
            }
            for (Map.Entry<String, byte[]> extra : scenario.extraObjects().entrySet()) {
                store.write("s3://data/" + prefix + "/" + extra.getKey(), extra.getValue());
            }
            store.write("s3://data/" + prefix + ".jsonl",
                    scenario.manifestJsonl(key -> "s3://data/" + prefix + "/" + key).getBytes());
        }
        return scenario;
    }

    private RunSummary run(LabelingScenario scenario, String runId, FaultProxy proxy, String s3Settings) throws IOException {
        String storage = "  storage.s3 { endpoint = \"" + proxy.endpoint() + "\", path-style = true, access-key-id = \""
                + s3.accessKey() + "\", secret-access-key = \"" + s3.secretKey() + "\", " + s3Settings + " }";
        Path config = Files.writeString(tmp.resolve(runId + ".conf"), LabelingScenario.config("s3://data/" + runId + ".jsonl",
                "s3://labels/runs", "s3://data/models/faults-yolo.onnx", "s3://data/models/faults-owl.onnx",
                "s3://data/models/faults-prompts.json", 4, storage));
        return new LabelingJob(spark, System.out).run(new RunRequest(config, Map.of("run.id", runId)));
    }

    private static RowCensus census(LabelingScenario scenario, String runId) throws IOException {
        List<String> ids = new java.util.ArrayList<>(scenario.images().stream().map(LabelingScenario.Image::id).toList());
        ids.addAll(List.of("missing", "corrupt"));
        try (S3BlobStore store = direct()) {
            return RowCensus.of(ids, RowCensus.read(store, new RunLayout("s3://labels/runs", runId)));
        }
    }

    /** FAILED rows are the scenario's own (missing, corrupt) plus {@code more}; every other row is labeled. */
    private static void assertOnlyTheScenarioFailures(LabelingScenario scenario, RowCensus census, Map<String, ErrorCode> more) {
        assertEquals(Optional.of(ErrorCode.NOT_FOUND), census.only("missing").errorCode());
        assertEquals(Optional.of(ErrorCode.CORRUPT_IMAGE), census.only("corrupt").errorCode());
        for (LabelingScenario.Image image : scenario.images()) {
            LabeledImage row = census.only(image.id());
            if (more.containsKey(image.id())) {
                assertEquals(Optional.of(more.get(image.id())), row.errorCode(), image.id() + ": " + row.errorMessage());
                continue;
            }
            assertEquals(Status.OK, row.status(), image.id() + ": " + row.errorMessage());
            assertEquals(image.truths().size(), row.detections().size(), image.id() + " detections");
        }
    }

    private static S3BlobStore direct() {
        S3Settings settings = s3.settings();
        return S3BlobStore.create(new StorageSettings(64 << 20, settings));
    }
}
