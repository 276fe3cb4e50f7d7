package dev.autolabel.spark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.spark.CliCapture.Result;
import dev.autolabel.spark.CliCapture;
import dev.autolabel.testing.FixtureModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autolabel bench}: what it measures and reports (never how fast: no timing asserts). */
class BenchCommandTest {

    @TempDir
    Path tmp;

    @Test
    void decodePartMeasuresEveryPathOnBothPhotoSizes() throws Exception {
        Result r = cli("bench", "--parts", "decode", "--tsv", "--seconds", "0.05", "--rounds", "1",
                "--images-dir", tmp.toString());

        assertEquals(0, r.exitCode(), r.err());
        List<String[]> rows = r.out().lines().map(l -> l.split("\t")).toList();
        Set<String> measured = rows.stream().map(c -> c[1] + " " + c[2] + " 1/" + c[4]).collect(Collectors.toSet());
        assertEquals(Set.of("photo-1920x1080 fast 1/1", "photo-1920x1080 fast 1/2", "photo-1920x1080 imageio 1/1",
                "photo-4032x3024 fast 1/1", "photo-4032x3024 fast 1/4", "photo-4032x3024 imageio 1/1"), measured,
                "DCT scale for a 640 letterbox: 1/2 for Full HD, 1/4 for 12 MP");
        for (String[] row : rows) {
            assertTrue(Double.parseDouble(row[5]) > 0 && Double.parseDouble(row[6]) > 0, Arrays.toString(row));
        }
        assertTrue(Files.size(tmp.resolve("photo-4032x3024.jpg")) > 1_000_000, "a photo-like 12 MP JPEG is MBs");
    }

    @Test
    void modelPartRunsTheModelAtTheRequestedBatchSize() {
        Result r = cli("bench", "--parts", "model", "--tsv", "--model", FixtureModels.yolo().toString(),
                "--batch-size", "3", "--threads", "1", "--seconds", "0.05", "--rounds", "1");

        assertEquals(0, r.exitCode(), r.err());
        String[] row = r.out().strip().split("\t");
        assertEquals("model", row[0]);
        assertEquals("blobs-yolo.onnx", row[1]);
        assertEquals("3", row[3]);
        assertTrue(Double.parseDouble(row[4]) > 0, r.out());
    }

    @Test
    void tablesNameThePartsAndTheDecoders() {
        Result r = cli("bench", "--parts", "model,decode", "--model", FixtureModels.yolo().toString(), "--batch-size", "2",
                "--seconds", "0.02", "--rounds", "1", "--images-dir", tmp.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(a) bare model"), r.out());
        assertTrue(r.out().contains("batch 2"), r.out());
        assertTrue(r.out().contains("(b) JPEG decode per thread"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("photo-4032x3024") && l.contains("imageio")), r.out());
    }

    @Test
    void tilingPartComparesTilingOffAndOnWithTheBareModel() {
        // 200x150 JPEGs and the fixture's 64-pixel input: 4 x 3 tiles of 64 overlapping by 20%, plus the whole image.
        Result r = cli("bench", "--parts", "tiling", "--model", FixtureModels.yolo().toString(), "--batch-size", "4",
                "--tiling-images", "3", "--tiling-image-size", "200x150", "--masters", "local[1]", "--seconds", "0.05",
                "--rounds", "1", "--work-dir", tmp.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("[bench] a  bare model"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("[bench] tiling off") && l.contains("1.0 model inputs/image")
                && l.contains("inputs/s / a") && l.contains("inference busy")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("[bench] tiling on") && l.contains("13.0 model inputs/image")),
                r.out());
        assertTrue(r.out().contains("[bench] tiling costs 13.0x the model inputs per image"), r.out());
        assertTrue(r.out().contains("(tiling off: each image 13 times)"), "both cases give the model the same work");
    }

    @Test
    void pipelinePartPrintsTheRatiosScalingAndStagesFromLocalFilesAndLoopbackS3() {
        Result r = cli("bench", "--parts", "pipeline", "--model", FixtureModels.yolo().toString(), "--batch-size", "2",
                "--images", "4", "--seconds", "0.05", "--rounds", "1", "--work-dir", tmp.toString());

        assertEquals(0, r.exitCode(), r.err());
        for (String source : List.of("local", "s3")) {
            for (String master : List.of("local[1]", "local[2]")) {
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith("[bench] c  " + source) && l.contains(master)
                        && l.contains("c/a") && l.contains("c/(1/(1/a+1/b))")), source + " " + master + ":\n" + r.out());
            }
            assertTrue(r.out().contains("[bench] scaling " + source + ": local[2] / local[1] = "), r.out());
        }
        assertTrue(r.out().contains("fetch") && r.out().contains("infer_pass1") && r.out().contains("write"), r.out());
    }

    @Test
    void unknownS3ModeIsAUsageError() {
        Result r = cli("bench", "--parts", "pipeline", "--s3", "aws", "--model", FixtureModels.yolo().toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--s3 must be 'loopback' or 'none'"), r.err());
    }

    @Test
    void unknownPlanMilestoneIsAUsageErrorBeforeAnyPartRuns() throws Exception {
        Path planDir = tmp.resolve("plan");
        Result r = cli("bench", "--parts", "decode,plan", "--plan-until", "first-taks", "--plan-rows", "1000",
                "--plan-dir", planDir.toString(), "--images-dir", tmp.resolve("decode").toString());

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--plan-until must be one of planned, first-task, first-shard, first-commit or end"),
                r.err());
        assertTrue(!Files.exists(planDir) && !Files.exists(tmp.resolve("decode")), "no part ran before the check");
        assertTrue(!r.out().contains("(b) JPEG decode"), r.out());
    }

    @Test
    void missingModelSaysHowToGenerateIt() {
        Result r = cli("bench", "--parts", "model", "--model", tmp.resolve("none.onnx").toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bench/make_bench_model.py"), r.err());
    }

    private static Result cli(String... args) {
        return CliCapture.run(args);
    }
}
