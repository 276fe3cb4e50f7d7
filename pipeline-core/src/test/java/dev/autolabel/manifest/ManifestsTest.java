package dev.autolabel.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.config.ManifestSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestsTest {

    private final MapBlobStore store = new MapBlobStore();

    private static ManifestSettings settings(String uri, String format) {
        return new ManifestSettings(Optional.of(uri), format, "uri", "id");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    private List<ManifestRow> readAll(ManifestSettings settings) throws IOException {
        List<ManifestRow> rows = new ArrayList<>();
        try (ManifestReader reader = Manifests.open(store, settings)) {
            reader.forEachRemaining(rows::add);
        }
        assertEquals(0, store.openStreams(), "the manifest stream is closed with the reader");
        return rows;
    }

    @ParameterizedTest
    @CsvSource({
        "manifest.jsonl, JSONL",
        "s3://bucket/day/M.NDJSON, JSONL",
        "file:///data/list.json, JSONL",
        "s3://bucket/m.jsonl.gz, JSONL",
        "/data/manifest.csv, CSV",
        "s3://bucket/m.CSV.GZ, CSV",
        "images.txt, URIS",
        "s3://bucket/manifest, URIS",
        "images.txt.gz, URIS",
        "m.gz, URIS",
        "m.jsonl.bak, URIS",
        "s3://bucket/m.csv/part, URIS",
    })
    void autoDetectsTheFormatByExtension(String uri, ManifestFormat expected) {
        assertEquals(expected, ManifestFormat.detect(uri));
        assertEquals(expected, ManifestFormat.resolve("auto", uri));
    }

    @Test
    void gzipIsJudgedByATrailingGz() {
        assertTrue(ManifestFormat.isGzipped("s3://b/m.jsonl.gz"));
        assertTrue(ManifestFormat.isGzipped("M.CSV.GZ"));
        assertFalse(ManifestFormat.isGzipped("m.jsonl"));
        assertFalse(ManifestFormat.isGzipped("m.gz.jsonl"));
    }

    @Test
    void anExplicitFormatWinsOverTheExtension() {
        assertEquals(ManifestFormat.CSV, ManifestFormat.resolve("csv", "m.jsonl"));
        assertEquals(ManifestFormat.URIS, ManifestFormat.resolve("uris", "m.csv"));
        assertEquals(ManifestFormat.PARQUET, ManifestFormat.resolve("auto", "s3://b/m/part-00000.parquet"));
        assertEquals(ManifestFormat.ORC, ManifestFormat.resolve("orc", "m.data"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManifestFormat.resolve("avro", "m.avro"));
        assertTrue(e.getMessage().contains("'avro'"), e.getMessage());
    }

    @Test
    void missingOrBlankManifestUriNamesTheKey() {
        for (Optional<String> uri : List.of(Optional.<String>empty(), Optional.of("  "))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Manifests.open(store, new ManifestSettings(uri, "auto", "uri", "id")));
            assertTrue(e.getMessage().contains("autolabel.manifest.uri"), e.getMessage());
        }
    }

    @Test
    void readsGzippedJsonlFromS3Uri() throws IOException {
        store.put("s3://bucket/m.jsonl.gz", gzip("{\"id\": \"a\", \"uri\": \"s3://bucket/a.jpg\", \"w\": 3}\n"
                + "oops\n{\"uri\": \"s3://bucket/b.jpg\"}\n"));
        List<ManifestRow> rows = readAll(settings("s3://bucket/m.jsonl.gz", "auto"));
        assertEquals(3, rows.size());
        assertEquals(new ManifestEntry("a", "s3://bucket/a.jpg", 1, Map.of("w", "3")), rows.get(0));
        assertEquals(2, ((MalformedRow) rows.get(1)).lineNumber());
        assertEquals(new ManifestEntry("s3://bucket/b.jpg", "s3://bucket/b.jpg", 3, Map.of()), rows.get(2));
    }

    @Test
    void readsGzippedCsvWithBomAndPlainUriListsByLocalPath() throws IOException {
        store.put("file:///data/m.csv.gz", gzip("\uFEFFuri,label\n\"/img/a,1.jpg\",cat\n"));
        store.put("/data/list.txt", "# two images\n/img/a.jpg\n/img/b.jpg\n".getBytes(UTF_8));
        assertEquals(List.of(new ManifestEntry("/img/a,1.jpg", "/img/a,1.jpg", 2, Map.of("label", "cat"))),
                readAll(settings("file:///data/m.csv.gz", "auto")));
        assertEquals(List.of("/img/a.jpg", "/img/b.jpg"), readAll(settings("/data/list.txt", "auto")).stream()
                .map(r -> ((ManifestEntry) r).id()).toList());
    }

    @Test
    void configuredFormatAndFieldNamesAreUsed() throws IOException {
        store.put("s3://bucket/manifest", "{\"path\": \"a.jpg\", \"key\": \"k\"}\n".getBytes(UTF_8));
        assertEquals(List.of(new ManifestEntry("k", "a.jpg", 1, Map.of())),
                readAll(new ManifestSettings(Optional.of("s3://bucket/manifest"), "jsonl", "path", "key")));
    }

    @Test
    void emptyManifestHasNoRows() throws IOException {
        store.put("s3://bucket/empty.jsonl", new byte[0]);
        store.put("s3://bucket/empty.csv.gz", gzip(""));
        assertEquals(List.of(), readAll(settings("s3://bucket/empty.jsonl", "auto")));
        assertEquals(List.of(), readAll(settings("s3://bucket/empty.csv.gz", "auto")));
    }

    @Test
    void notGzipAlthoughNamedGzFailsAndClosesTheStream() {
        store.put("s3://bucket/m.jsonl.gz", "{\"uri\": \"a.jpg\"}\n".getBytes(UTF_8));
        IOException e = assertThrows(IOException.class,
                () -> Manifests.open(store, settings("s3://bucket/m.jsonl.gz", "auto")));
        assertTrue(e.getMessage().contains("s3://bucket/m.jsonl.gz is named .gz but is not gzip data"), e.getMessage());
        assertEquals(0, store.openStreams());
    }

    @Test
    void csvWithoutUriColumnFailsAtOpenAndClosesTheStream() throws IOException {
        store.put("s3://bucket/m.csv.gz", gzip("id,path\n1,a.jpg\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Manifests.open(store, settings("s3://bucket/m.csv.gz", "auto")));
        assertEquals("manifest s3://bucket/m.csv.gz: CSV header has no 'uri' column (autolabel.manifest.uri-field);"
                + " columns found: [id, path]", e.getMessage());
        assertEquals(0, store.openStreams());
    }

    @Test
    void truncatedGzipStopsTheReadNamingTheManifest() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("s3://bucket/images/").append(i).append(".jpg\n");
        }
        byte[] whole = gzip(text.toString());
        store.put("s3://bucket/list.txt.gz", Arrays.copyOf(whole, whole.length / 2));
        try (ManifestReader reader = Manifests.open(store, settings("s3://bucket/list.txt.gz", "auto"))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> reader.forEachRemaining(row -> { }));
            assertTrue(e.getMessage().startsWith("reading manifest s3://bucket/list.txt.gz failed after line "),
                    e.getMessage());
        }
        assertEquals(0, store.openStreams());
    }
}
