package dev.autolabel.spark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.spark.bench.PipelineBenchmark.Options;
import dev.autolabel.spark.bench.PipelineBenchmark.S3Target;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline benchmark, from local files and from S3 (S3Proxy on 127.0.0.1, started here: main code does not
 * launch servers). The first test is a small run that checks the benchmark measures what it says; the second is
 * the real measurement, run on demand and printed, never asserted on (no timing asserts):
 * <pre>
 * mvn -B -ntp -o -pl pipeline-spark -am verify -DskipITs -Dtest=PipelineBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dautolabel.bench=full [-Dautolabel.bench.model=M.onnx] [-Dautolabel.bench.images=300] [-Dautolabel.bench.batch=8] \
 *     [-Dautolabel.bench.repeats=3] [-Dautolabel.bench.set=execution.decode-threads=2,...] [-Dautolabel.bench.s3=false]
 * </pre>
 * The default model is {@code target/bench/yolov8n-like.onnx} from {@code src/test/fixtures/make_bench_model.py}.
 */
class PipelineBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void measuresEveryPartAndEveryRunAccountsForEachImage() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("bench");
            Options options = new Options(tmp, FixtureModels.yolo(), 6, 2, List.of("local[1]", "local[2]"), 1, 0.2, true,
                    Optional.of(new S3Target(s3.endpoint(), "bench", s3.accessKey(), s3.secretKey())), Map.of());
            BenchmarkReport report = new PipelineBenchmark(options, System.out).run();
            report.print(System.out);

            assertEquals(64, report.inputWidth(), "the fixture model's input");
            assertTrue(report.bareModel() > 0 && report.decodePerThread() > 0);
            assertTrue(report.serialBound() < Math.min(report.bareModel(), report.decodePerThread()));
            assertEquals(List.of("local local[1]", "local local[2]", "s3 local[1]", "s3 local[2]"),
                    report.pipeline().stream().map(m -> m.source() + " " + m.master()).toList());
            for (PipelineMeasurement m : report.pipeline()) {
                assertEquals(6, m.images(), "every image labeled once: " + m);
                assertEquals(List.of("fetch", "decode", "infer_pass1", "infer_pass2", "merge", "write"),
                        List.copyOf(m.bestStageSeconds().keySet()));
                assertTrue(m.bestStageSeconds().get("decode") > 0 && m.bestStageSeconds().get("infer_pass1") > 0, m.toString());
            }
            assertTrue(report.scaling("s3", "local[1]", "local[2]").orElseThrow() > 0);
            assertEquals(2, report.measurement("local", "local[2]").orElseThrow().slots());
            double busy = report.measurement("local", "local[1]").orElseThrow().inferenceBusyShare();
            assertTrue(busy > 0 && busy <= 1, "inference busy share " + busy);
            try (var files = Files.list(tmp.resolve("images").resolve("jpeg-1920x1080-q90"))) {
                assertEquals(6, files.count(), "the generated images are cached for the next benchmark");
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "autolabel.bench", matches = "full")
    void fullBenchmark() throws Exception {
        Path model = Path.of(System.getProperty("autolabel.bench.model", "target/bench/yolov8n-like.onnx"));
        Map<String, String> overrides = new LinkedHashMap<>();
        Arrays.stream(System.getProperty("autolabel.bench.set", "").split(",")).filter(s -> !s.isBlank())
                .map(s -> s.split("=", 2)).forEach(kv -> overrides.put(kv[0], kv[1]));
        boolean withS3 = !System.getProperty("autolabel.bench.s3", "true").equals("false");
        try (S3ProxyServer s3 = withS3 ? S3ProxyServer.start() : null) {
            Optional<S3Target> target = Optional.empty();
            if (s3 != null) {
                s3.createBucket("bench");
                target = Optional.of(new S3Target(s3.endpoint(), "bench", s3.accessKey(), s3.secretKey()));
            }
            Options options = new Options(Path.of("target/bench"), model, Integer.getInteger("autolabel.bench.images", 300),
                    Integer.getInteger("autolabel.bench.batch", 8),
                    List.of(System.getProperty("autolabel.bench.masters", "local[1],local[2]").split(",")),
                    Integer.getInteger("autolabel.bench.repeats", 3),
                    Double.parseDouble(System.getProperty("autolabel.bench.seconds", "10")),
                    !System.getProperty("autolabel.bench.local", "true").equals("false"), target, overrides);
            new PipelineBenchmark(options, System.out).run().print(System.out);
        }
    }
}
