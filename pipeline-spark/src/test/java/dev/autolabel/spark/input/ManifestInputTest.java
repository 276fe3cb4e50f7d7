package dev.autolabel.spark.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.config.ManifestSettings;
import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestFields;
import dev.autolabel.manifest.ManifestFormat;
import dev.autolabel.manifest.ManifestReader;
import dev.autolabel.manifest.ManifestRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests read by Spark's readers: whatever the splits (byte ranges of a few hundred bytes here, so a file is read
 * by many tasks), every row gets the index and line number the single-file reader gives it, malformed lines stay
 * rows, and a folder of files reads as their concatenation in name order (gzip or not). CSV, Parquet, Hive-style
 * Parquet folders and ORC keep their rows and pass other columns through; filters drop rows by index.
 */
class ManifestInputTest {

    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("manifest-input").config("spark.ui.enabled", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @AfterEach
    void wholeSplits() {
        spark.conf().unset("spark.sql.files.maxPartitionBytes");
        spark.conf().unset("spark.sql.files.openCostInBytes");
    }

    @Test
    void aJsonlFileSplitIntoManyRangesGivesTheRowsOfTheSingleFileReader() throws IOException {
        StringBuilder text = new StringBuilder("\uFEFF");
        for (int i = 0; i < 400; i++) {
            text.append(i % 37 == 5 ? "\n" : "").append(i % 53 == 7 ? "not json\n" : "")
                    .append("{\"id\": \"img-").append(i).append("\", \"uri\": \"s3://b/img-").append(i)
                    .append(".jpg\", \"split\": \"train\"}\n");
        }
        Path file = Files.writeString(tmp.resolve("today.jsonl"), text);
        smallSplits();

        List<ManifestRow> rows = read(file.toString(), "auto");

        List<ManifestRow> expected = singleFileReader(text.toString(), ManifestFormat.JSONL);
        assertEquals(expected, rows, "same rows, lines and order as the single-file reader");
        assertTrue(rows.stream().anyMatch(r -> r instanceof MalformedRow bad && bad.position().equals("line " + bad.lineNumber())));
        assertTrue(rows.size() > 400);
    }

    @Test
    void aFolderOfPartsReadsAsTheirConcatenationInNameOrderGzipOrNot() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("parts"));
        gzip(folder.resolve("part-0.jsonl.gz"), "{\"uri\": \"s3://b/a.jpg\"}\n{\"uri\": \"s3://b/b.jpg\"}\n");
        Files.writeString(folder.resolve("part-1.jsonl"), "{\"uri\": \"s3://b/c.jpg\"}\n[1, 2]\n\n{\"uri\": \"s3://b/d.jpg\"}\n");
        Files.writeString(folder.resolve("_SUCCESS"), "");

        List<ManifestRow> rows = read(folder.toString(), "auto");

        assertEquals(List.of("s3://b/a.jpg", "s3://b/b.jpg", "s3://b/c.jpg", "?", "s3://b/d.jpg"),
                rows.stream().map(r -> r instanceof ManifestEntry e ? e.uri() : "?").toList());
        MalformedRow bad = (MalformedRow) rows.get(3);
        assertEquals(2, bad.lineNumber());
        assertEquals("part-1.jsonl line 2", bad.position(), "the file is named when there are several");
        assertEquals(4, ((ManifestEntry) rows.get(4)).lineNumber(), "physical line, blank lines counted");
    }

    @Test
    void aGlobOfCsvFilesKeepsHeadersPerFileAndPhysicalLines() throws IOException {
        Files.writeString(tmp.resolve("a.csv"), "id,uri,camera\nx,s3://b/x.jpg,\"front\ncam\"\ny,s3://b/y.jpg,back\n");
        gzip(tmp.resolve("b.csv.gz"), "uri,id\ns3://b/z.jpg,z\nonly-one-column\n");
        Files.writeString(tmp.resolve("c.txt"), "not matched by the glob\n");

        List<ManifestRow> rows = read(tmp.resolve("*.csv*").toString(), "auto");

        assertEquals(4, rows.size());
        ManifestEntry x = (ManifestEntry) rows.get(0);
        assertEquals(Map.of("camera", "front\ncam"), x.extra(), "a quoted line break stays in its field");
        assertEquals(4, ((ManifestEntry) rows.get(1)).lineNumber(), "y starts on physical line 4");
        assertEquals("z", ((ManifestEntry) rows.get(2)).id());
        assertEquals("b.csv.gz line 3", ((MalformedRow) rows.get(3)).position());
    }

    @Test
    void parquetHiveStyleFoldersAndOrcPassColumnsThroughAsText() {
        StructType schema = new StructType().add("uri", DataTypes.StringType).add("id", DataTypes.LongType)
                .add("score", DataTypes.DoubleType).add("tags", DataTypes.createArrayType(DataTypes.StringType))
                .add("day", DataTypes.StringType);
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            data.add(RowFactory.create(i == 17 ? null : "s3://b/" + i + ".jpg", (long) i, i / 2.0,
                    List.of("t" + i), i < 15 ? "2026-01-01" : "2026-01-02"));
        }
        Dataset<Row> df = spark.createDataFrame(data, schema).repartition(3);
        String hive = tmp.resolve("table").toString();
        df.write().partitionBy("day").parquet(hive);
        String orc = tmp.resolve("orc").toString();
        df.coalesce(1).sortWithinPartitions("id").write().orc(orc);

        List<ManifestRow> fromHive = read(hive, "auto");
        List<ManifestRow> fromOrc = read(orc, "orc");

        for (List<ManifestRow> rows : List.of(fromHive, fromOrc)) {
            assertEquals(30, rows.size());
            assertEquals(29, rows.stream().filter(r -> r instanceof ManifestEntry).count());
            MalformedRow bad = (MalformedRow) rows.stream().filter(r -> r instanceof MalformedRow).findFirst().orElseThrow();
            assertTrue(bad.reason().contains("column 'uri' is null") && bad.position().contains("row "), bad.toString());
            ManifestEntry three = rows.stream().filter(r -> r instanceof ManifestEntry e && e.id().equals("3"))
                    .map(r -> (ManifestEntry) r).findFirst().orElseThrow();
            assertEquals("s3://b/3.jpg", three.uri());
            assertEquals("1.5", three.extra().get("score"));
            assertEquals("[\"t3\"]", three.extra().get("tags"), "nested values as JSON");
            assertEquals("2026-01-01", three.extra().get("day"), "partition columns pass through");
        }
    }

    @Test
    void theFilterDropsRowsByIndexAndIndexesDoNotMove() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            text.append("s3://b/").append(i).append(".jpg\n").append(i % 10 == 0 ? "# a comment\n" : "");
        }
        Path file = Files.writeString(tmp.resolve("list.txt"), text);
        smallSplits();
        ManifestInput input = ManifestInput.count(spark, settings(file.toString(), "auto"));
        assertEquals(50, input.rows());

        List<Row> kept = input.rows(JavaSparkContext.fromSparkContext(spark.sparkContext()), idx -> idx / 10 != 2)
                .orderBy(ManifestRows.IDX).collectAsList();

        assertEquals(40, kept.size());
        for (Row r : kept) {
            long idx = r.getLong(r.fieldIndex(ManifestRows.IDX));
            assertEquals("s3://b/" + idx + ".jpg", r.getString(r.fieldIndex(ManifestRows.URI)), "row " + idx);
        }
    }

    @Test
    void aManifestThatIsNotThereOrHoldsNoFilesIsOneClearProblem() throws IOException {
        ManifestException missing = assertThrows(ManifestException.class,
                () -> ManifestInput.count(spark, settings(tmp.resolve("nope.jsonl").toString(), "auto")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        ManifestException none = assertThrows(ManifestException.class,
                () -> ManifestInput.count(spark, settings(empty.toString(), "auto")));
        assertTrue(none.getMessage().contains("holds no files"), none.getMessage());
        Path noUri = Files.writeString(tmp.resolve("bad.csv"), "id,path\na,s3://b/a.jpg\n");
        ManifestException header = assertThrows(ManifestException.class,
                () -> ManifestInput.count(spark, settings(noUri.toString(), "auto")));
        assertTrue(header.getMessage().contains("no 'uri' column"), header.getMessage());
    }

    private void smallSplits() {
        spark.conf().set("spark.sql.files.maxPartitionBytes", "300");
        spark.conf().set("spark.sql.files.openCostInBytes", "0");
    }

    private List<ManifestRow> read(String location, String format) {
        ManifestInput input = ManifestInput.count(spark, settings(location, format));
        List<Row> rows = input.rows(JavaSparkContext.fromSparkContext(spark.sparkContext()), RowFilter.ALL)
                .orderBy(ManifestRows.IDX).collectAsList();
        assertEquals(input.rows(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).getLong(rows.get(i).fieldIndex(ManifestRows.IDX)), "indexes are 0..n-1");
        }
        return rows.stream().map(ManifestRows::fromRow).toList();
    }

    private static ManifestSettings settings(String uri, String format) {
        return new ManifestSettings(Optional.of(uri), format, "uri", "id");
    }

    private static List<ManifestRow> singleFileReader(String text, ManifestFormat format) throws IOException {
        List<ManifestRow> rows = new ArrayList<>();
        try (ManifestReader reader = ManifestReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "m", format, ManifestFields.DEFAULT)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
