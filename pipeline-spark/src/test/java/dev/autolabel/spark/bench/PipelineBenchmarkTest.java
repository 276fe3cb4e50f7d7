package dev.autolabel.spark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.spark.bench.PipelineBenchmark.Options;
import dev.autolabel.spark.bench.PipelineBenchmark.S3Target;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.storage.LoopbackS3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline benchmark, from local files and from S3 (S3Proxy on 127.0.0.1): a small run that checks the
 * benchmark measures what it says. The real measurement is {@code autolabel bench} (see the README), printed and
 * never asserted on: no timing asserts.
 */
class PipelineBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void measuresEveryPartAndEveryRunAccountsForEachImage() throws Exception {
        try (LoopbackS3Server s3 = LoopbackS3Server.start()) {
            s3.createBucket("bench");
            Options options = new Options(tmp, FixtureModels.yolo(), 6, 2, List.of("local[1]", "local[2]"), 1, 0.2,
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
}
