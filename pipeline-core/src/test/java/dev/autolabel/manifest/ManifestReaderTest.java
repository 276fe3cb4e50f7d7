package dev.autolabel.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ManifestReaderTest {

    private static List<ManifestRow> read(String text, ManifestFormat format) throws IOException {
        return read(text, format, ManifestFields.DEFAULT);
    }

    private static List<ManifestRow> read(String text, ManifestFormat format, ManifestFields fields) throws IOException {
        List<ManifestRow> rows = new ArrayList<>();
        try (ManifestReader reader = ManifestReader.open(stream(text), "test-manifest", format, fields)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    private static ManifestEntry entry(String id, String uri, long line, Map<String, String> extra) {
        return new ManifestEntry(id, uri, line, extra);
    }

    private static MalformedRow malformed(ManifestRow row, long line) {
        MalformedRow bad = assertInstanceOf(MalformedRow.class, row, () -> "line " + line + " should be malformed");
        assertEquals(line, bad.lineNumber());
        return bad;
    }

    @Test
    void jsonlKeepsOtherFieldsAsTextAndDefaultsIdToUri() throws IOException {
        String text = """
                {"id": "a1", "uri": "s3://b/a.jpg", "split": "train", "score": 1.10, "ok": true, "meta": {"w": 640, "tags": ["x", "y"]}, "gone": null}
                {"uri": "s3://b/b.jpg"}
                {"id": 17, "uri": " /data/c.jpg ", "list": [1, 2]}
                {"id": "", "uri": "d.jpg"}
                """;
        assertEquals(List.of(
                entry("a1", "s3://b/a.jpg", 1, Map.of("split", "train", "score", "1.10", "ok", "true",
                        "meta", "{\"w\":640,\"tags\":[\"x\",\"y\"]}")),
                entry("s3://b/b.jpg", "s3://b/b.jpg", 2, Map.of()),
                entry("17", "/data/c.jpg", 3, Map.of("list", "[1,2]")),
                entry("d.jpg", "d.jpg", 4, Map.of())), read(text, ManifestFormat.JSONL));
    }

    @Test
    void jsonlReportsMalformedLinesWithTheirNumbersAndReadsOn() throws IOException {
        String text = String.join("\n",
                "{\"uri\": \"a.jpg\"}",
                "",
                "not json",
                "{\"id\": \"x\"}",
                "[1, 2]",
                "{\"uri\": 5}",
                "{\"uri\": \"  \"}",
                "{\"uri\": \"b.jpg\"",
                "{\"uri\": \"c.jpg\"} 5",
                "{\"uri\": \"d.jpg\", \"uri\": \"e.jpg\"}",
                "{\"uri\": \"f.jpg\", \"id\": {\"k\": 1}}",
                "   \t ",
                "{\"uri\": null}",
                "{\"uri\": \"g.jpg\"}");
        List<ManifestRow> rows = read(text, ManifestFormat.JSONL);
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 13L, 14L),
                rows.stream().map(ManifestRow::lineNumber).toList(), "blank lines 2 and 12 are not rows");
        assertEquals(entry("a.jpg", "a.jpg", 1, Map.of()), rows.get(0));
        String notJson = malformed(rows.get(1), 3).reason();
        assertTrue(notJson.startsWith("not valid JSON: Unrecognized token 'not'"), notJson);
        assertEquals("missing field 'uri'", malformed(rows.get(2), 4).reason());
        assertEquals("not a JSON object (found an array)", malformed(rows.get(3), 5).reason());
        assertEquals("field 'uri' must be a string, found a number", malformed(rows.get(4), 6).reason());
        assertEquals("field 'uri' is blank", malformed(rows.get(5), 7).reason());
        String truncated = malformed(rows.get(6), 8).reason();
        assertTrue(truncated.startsWith("not valid JSON: Unexpected end-of-input"), truncated);
        assertEquals("unexpected content after the JSON object", malformed(rows.get(7), 9).reason());
        String duplicate = malformed(rows.get(8), 10).reason();
        assertTrue(duplicate.contains("Duplicate field 'uri'"), duplicate);
        assertEquals("field 'id' must be a string or number, found an object", malformed(rows.get(9), 11).reason());
        assertEquals("missing field 'uri'", malformed(rows.get(10), 13).reason(), "a null uri is a missing uri");
        assertEquals(entry("g.jpg", "g.jpg", 14, Map.of()), rows.get(11), "rows after bad lines are still read");
    }

    @Test
    void customFieldNamesInJsonlAndCsv() throws IOException {
        ManifestFields fields = new ManifestFields("image_path", "key");
        List<ManifestRow> jsonl = read("""
                {"key": "k1", "image_path": "p.jpg", "uri": "other", "id": "not-the-id"}
                {"uri": "x.jpg"}
                """, ManifestFormat.JSONL, fields);
        assertEquals(entry("k1", "p.jpg", 1, Map.of("uri", "other", "id", "not-the-id")), jsonl.get(0));
        assertEquals("missing field 'image_path'", malformed(jsonl.get(1), 2).reason());

        List<ManifestRow> csv = read("id,image_path,key\nnot-the-id,p.jpg,k1\n", ManifestFormat.CSV, fields);
        assertEquals(List.of(entry("k1", "p.jpg", 2, Map.of("id", "not-the-id"))), csv);
    }

    @Test
    void sameFieldForIdAndUriMakesEveryIdTheUri() throws IOException {
        ManifestFields fields = new ManifestFields("path", "path");
        assertEquals(List.of(entry("a.jpg", "a.jpg", 1, Map.of("id", "ignored"))),
                read("{\"path\": \"a.jpg\", \"id\": \"ignored\"}", ManifestFormat.JSONL, fields));
        assertEquals(List.of(entry("a.jpg", "a.jpg", 2, Map.of("id", "ignored"))),
                read("id,path\nignored,a.jpg\n", ManifestFormat.CSV, fields));
    }

    @Test
    void csvHandlesQuotingBlankLinesAndReportsBadRecordsByPhysicalLine() throws IOException {
        String text = "id,uri,caption,label\r\n"                          // line 1
                + "1,s3://b/1.jpg,\"a dog, running\",dog\r\n"              // 2
                + "\r\n"                                                   // 3 blank
                + ",s3://b/2.jpg,plain,cat\r\n"                            // 4: empty id -> uri
                + "3,s3://b/3.jpg,too few\r\n"                             // 5: wrong column count
                + "4,s3://b/4.jpg,\"two\nlines\",x\r\n"                    // 6-7: one record
                + "5,s3://b/5.jpg,\"say \"\"hi\"\"\",y\r\n"                // 8
                + "6,  ,c,d\r\n"                                           // 9: blank uri
                + "7,s3://b/7.jpg,e,f,extra\r\n"                           // 10: too many
                + "8,s3://b/8.jpg,g,h";                                    // 11, no final newline
        List<ManifestRow> rows = read(text, ManifestFormat.CSV);
        assertEquals(List.of(2L, 4L, 5L, 6L, 8L, 9L, 10L, 11L), rows.stream().map(ManifestRow::lineNumber).toList());
        assertEquals(entry("1", "s3://b/1.jpg", 2, Map.of("caption", "a dog, running", "label", "dog")), rows.get(0));
        assertEquals(entry("s3://b/2.jpg", "s3://b/2.jpg", 4, Map.of("caption", "plain", "label", "cat")), rows.get(1));
        assertEquals("expected 4 columns [id, uri, caption, label], found 3", malformed(rows.get(2), 5).reason());
        assertEquals(entry("4", "s3://b/4.jpg", 6, Map.of("caption", "two\nlines", "label", "x")), rows.get(3));
        assertEquals(entry("5", "s3://b/5.jpg", 8, Map.of("caption", "say \"hi\"", "label", "y")), rows.get(4));
        assertEquals("column 'uri' is empty", malformed(rows.get(5), 9).reason());
        assertEquals("expected 4 columns [id, uri, caption, label], found 5", malformed(rows.get(6), 10).reason());
        assertEquals(entry("8", "s3://b/8.jpg", 11, Map.of("caption", "g", "label", "h")), rows.get(7));
    }

    @Test
    void csvWithoutIdColumnUsesUriAsId() throws IOException {
        assertEquals(List.of(entry("a.jpg", "a.jpg", 2, Map.of("label", "cat"))),
                read("uri,label\na.jpg,cat\n", ManifestFormat.CSV));
    }

    @Test
    void csvWithoutUriColumnFailsAtOpenNamingTheColumnsAndClosesTheStream() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream("id, path ,label\n1,a.jpg,x\n".getBytes(UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManifestReader.open(in, "s3://b/m.csv", ManifestFormat.CSV, ManifestFields.DEFAULT));
        assertEquals("manifest s3://b/m.csv: CSV header has no 'uri' column (autolabel.manifest.uri-field);"
                + " columns found: [id, path, label]", e.getMessage());
        assertTrue(closed.get());
    }

    @Test
    void csvHeaderWithDuplicateOrUnnamedColumnsIsRefused() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> read("uri,label,label\na,b,c\n", ManifestFormat.CSV));
        assertTrue(twice.getMessage().contains("names column 'label' twice"), twice.getMessage());
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class,
                () -> read("uri,,label\na,b,c\n", ManifestFormat.CSV));
        assertTrue(unnamed.getMessage().contains("column 2 has no name"), unnamed.getMessage());
    }

    @Test
    void csvSyntaxThatCannotBeResumedStopsTheReadNamingTheManifest() throws IOException {
        try (ManifestReader reader = ManifestReader.open(stream("uri\na.jpg\n\"b.jpg\"x\nc.jpg\n"), "s3://b/m.csv",
                ManifestFormat.CSV, ManifestFields.DEFAULT)) {
            assertEquals(entry("a.jpg", "a.jpg", 2, Map.of()), reader.next());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, reader::hasNext);
            assertTrue(e.getMessage().startsWith("reading manifest s3://b/m.csv failed"), e.getMessage());
            assertTrue(e.getMessage().contains("Invalid character between encapsulated token and delimiter"),
                    e.getMessage());
        }
    }

    @Test
    void uriListSkipsBlanksAndCommentsAndTrims() throws IOException {
        String text = "# images for run 7\r\n"
                + "s3://b/a.jpg\r\n"
                + "\r\n"
                + "   /data/my photos/b.jpg  \r\n"
                + "  # indented comment\n"
                + "file:///c.jpg\n"
                + "bad\u0001line\n"
                + "d.jpg";
        List<ManifestRow> rows = read(text, ManifestFormat.URIS);
        assertEquals(5, rows.size());
        assertEquals(entry("s3://b/a.jpg", "s3://b/a.jpg", 2, Map.of()), rows.get(0));
        assertEquals(entry("/data/my photos/b.jpg", "/data/my photos/b.jpg", 4, Map.of()), rows.get(1));
        assertEquals(entry("file:///c.jpg", "file:///c.jpg", 6, Map.of()), rows.get(2));
        assertEquals("contains control character U+0001; expected one URI per line", malformed(rows.get(3), 7).reason());
        assertEquals(entry("d.jpg", "d.jpg", 8, Map.of()), rows.get(4));
    }

    @Test
    void byteOrderMarkIsSkippedInEveryFormat() throws IOException {
        String bom = "\uFEFF";
        assertEquals(List.of(entry("1", "a.jpg", 1, Map.of())),
                read(bom + "{\"id\": \"1\", \"uri\": \"a.jpg\"}\n", ManifestFormat.JSONL));
        assertEquals(List.of(entry("1", "a.jpg", 2, Map.of())), read(bom + "id,uri\n1,a.jpg\n", ManifestFormat.CSV));
        assertEquals(List.of(entry("a.jpg", "a.jpg", 1, Map.of())), read(bom + "a.jpg\n", ManifestFormat.URIS));
    }

    @ParameterizedTest
    @EnumSource(value = ManifestFormat.class, names = {"JSONL", "CSV", "URIS"})
    void emptyOrBlankManifestHasNoRows(ManifestFormat format) throws IOException {
        assertEquals(List.of(), read("", format));
        assertEquals(List.of(), read("\n\n  \n", format));
        assertEquals(List.of(), read("\uFEFF", format));
    }

    @ParameterizedTest
    @EnumSource(value = ManifestFormat.class, names = {"PARQUET", "ORC", "LISTING"})
    void columnarManifestsAreNeverReadAsTextLines(ManifestFormat format) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("s3://b/a.jpg\n", format));
        assertTrue(e.getMessage().contains("never read as text lines"), e.getMessage());
    }

    @Test
    void csvWithOnlyAHeaderHasNoRows() throws IOException {
        assertEquals(List.of(), read("id,uri\n", ManifestFormat.CSV));
    }

    @Test
    void duplicateIdsAreKeptAsTheyAre() throws IOException {
        List<ManifestRow> rows = read("""
                {"id": "same", "uri": "a.jpg"}
                {"id": "same", "uri": "b.jpg"}
                {"id": "same", "uri": "a.jpg"}
                """, ManifestFormat.JSONL);
        assertEquals(List.of("a.jpg", "b.jpg", "a.jpg"),
                rows.stream().map(r -> ((ManifestEntry) r).uri()).toList());
    }

    @Test
    void iteratorEndsCleanlyAndCloseClosesTheStream() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream("a.jpg\n".getBytes(UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        ManifestReader reader = ManifestReader.open(in, "m.txt", ManifestFormat.URIS, ManifestFields.DEFAULT);
        assertTrue(reader.hasNext());
        assertTrue(reader.hasNext(), "hasNext does not consume");
        assertEquals("a.jpg", ((ManifestEntry) reader.next()).id());
        assertFalse(reader.hasNext());
        assertThrows(NoSuchElementException.class, reader::next);
        assertFalse(closed.get());
        reader.close();
        assertTrue(closed.get());
    }

    /** 200,000 generated lines: all are read, and only a bounded prefix of the input is pulled for the first row. */
    @ParameterizedTest
    @EnumSource(value = ManifestFormat.class, names = {"JSONL", "CSV", "URIS"})
    void streamsLargeManifestsWithoutReadingThemWhole(ManifestFormat format) throws IOException {
        int rows = 200_000;
        GeneratedLines in = switch (format) {
            case JSONL -> new GeneratedLines(rows, i -> "{\"id\": \"img-" + i + "\", \"uri\": \"s3://bucket/images/"
                    + i + ".jpg\", \"split\": \"train\"}");
            case CSV -> new GeneratedLines(rows + 1, i -> i == 0 ? "id,uri,split"
                    : "img-" + (i - 1) + ",s3://bucket/images/" + (i - 1) + ".jpg,train");
            case URIS -> new GeneratedLines(rows, i -> "s3://bucket/images/" + i + ".jpg");
            default -> throw new IllegalArgumentException("not a text format: " + format);
        };
        long count = 0;
        ManifestRow last = null;
        try (ManifestReader reader = ManifestReader.open(in, "generated", format, ManifestFields.DEFAULT)) {
            assertInstanceOf(ManifestEntry.class, reader.next());
            count++;
            assertTrue(in.bytesRead() < 256 * 1024, "read " + in.bytesRead() + " bytes for the first row");
            while (reader.hasNext()) {
                last = reader.next();
                count++;
            }
        }
        assertEquals(rows, count);
        assertTrue(in.bytesRead() > 5_000_000, "the whole input was read: " + in.bytesRead());
        ManifestEntry lastEntry = assertInstanceOf(ManifestEntry.class, last);
        assertEquals("s3://bucket/images/" + (rows - 1) + ".jpg", lastEntry.uri());
        assertEquals(format == ManifestFormat.CSV ? rows + 1 : rows, lastEntry.lineNumber());
    }
}
