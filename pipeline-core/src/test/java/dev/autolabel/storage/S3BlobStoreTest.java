package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** S3BlobStore through the real AWS SDK against a real S3-compatible server (S3Proxy in its own JVM). */
class S3BlobStoreTest {

    private static final String BUCKET = "images";
    private static final long LIMIT = 64 * 1024;
    private static final int PAGE_SIZE = 7;

    private static LoopbackS3Server server;
    private static S3Client setup;

    private final Recorder recorder = new Recorder();
    private S3BlobStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = LoopbackS3Server.start();
        server.createBucket(BUCKET);
        setup = server.newClient();
    }

    @AfterAll
    static void stopServer() {
        if (setup != null) {
            setup.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private final List<S3BlobStore> opened = new ArrayList<>();

    @BeforeEach
    void newStore() {
        store = store(LIMIT, server.settings());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3BlobStore::close);
    }

    private S3BlobStore store(long limit, S3Settings settings) {
        S3BlobStore s = new S3BlobStore(S3Clients.create(settings, List.of(recorder)), limit, PAGE_SIZE, OutputEncryption.NONE,
                settings.maxAttempts());
        opened.add(s);
        return s;
    }

    private static void put(String key, byte[] bytes) {
        setup.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static String uri(String key) {
        return "s3://" + BUCKET + "/" + key;
    }

    private static ErrorCode readFails(S3BlobStore s, String uri) {
        return assertThrows(LabelingException.class, () -> s.readAll(uri)).code();
    }

    @Test
    void writeThenReadKeyWithSpacesAndNonAscii() throws Exception {
        String uri = uri("dir with space/ünïcode ✓.jpg");
        store.write(uri, bytes("pixels"));

        assertArrayEquals(bytes("pixels"), store.readAll(uri));
        assertTrue(store.exists(uri));
        assertEquals(List.of(uri), store.list(uri("dir with space/")));
    }

    @Test
    void missingKeyAndMissingBucketAreNotFound() {
        assertEquals(ErrorCode.NOT_FOUND, readFails(store, uri("no/such/key.jpg")));
        assertEquals(ErrorCode.NOT_FOUND, readFails(store, "s3://no-such-bucket/a.jpg"));
    }

    @Test
    void malformedUriIsInvalidUri() {
        assertEquals(ErrorCode.INVALID_URI, readFails(store, "s3://" + BUCKET));
        assertEquals(ErrorCode.INVALID_URI, readFails(store, "s3:///key.jpg"));
    }

    @Test
    void oversizedObjectIsRefusedWithoutDownloadingIt() {
        put("big/one-megabyte.jpg", new byte[1 << 20]);
        S3BlobStore small = store(10, server.settings());

        assertEquals(ErrorCode.TOO_LARGE, readFails(small, uri("big/one-megabyte.jpg")));

        List<Exchange> gets = recorder.operations("GetObject");
        assertEquals(1, gets.size());
        assertEquals(Optional.of("bytes=0-10"), gets.get(0).range());
        long transferred = gets.get(0).contentLength().orElseThrow();
        assertTrue(transferred <= 11, "at most limit + 1 bytes may travel, got " + transferred);
    }

    @Test
    void objectAtTheLimitIsReadAndOneByteMoreIsNot() throws Exception {
        put("edge/ten.jpg", bytes("0123456789"));
        put("edge/eleven.jpg", bytes("0123456789A"));
        S3BlobStore small = store(10, server.settings());

        assertArrayEquals(bytes("0123456789"), small.readAll(uri("edge/ten.jpg")));
        assertEquals(ErrorCode.TOO_LARGE, readFails(small, uri("edge/eleven.jpg")));
    }

    @Test
    void zeroByteObjectIsEmptyObject() {
        put("empty.jpg", new byte[0]);
        assertEquals(ErrorCode.EMPTY_OBJECT, readFails(store, uri("empty.jpg")));
    }

    @Test
    void wrongSecretIsAccessDenied() throws IOException {
        put("private.jpg", bytes("x"));
        S3BlobStore intruder = store(LIMIT, server.settingsWithSecret("not-the-secret"));

        assertEquals(ErrorCode.ACCESS_DENIED, readFails(intruder, uri("private.jpg")));
        assertThrows(AccessDeniedException.class, () -> intruder.write(uri("private.jpg"), bytes("y")));
        assertArrayEquals(bytes("x"), setup.getObjectAsBytes(b -> b.bucket(BUCKET).key("private.jpg")).asByteArray());
    }

    @Test
    void listPaginatesSkipsFolderMarkersAndSorts() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            put("paged/img-" + String.format("%03d", i) + ".jpg", bytes("i" + i));
            expected.add(0, uri("paged/img-" + String.format("%03d", i) + ".jpg"));
        }
        put("paged/folder/", new byte[0]);
        put("paged-not-this/x.jpg", bytes("x"));
        recorder.clear();

        assertEquals(expected, store.list(uri("paged/")));
        // 26 keys at 7 per page: four ListObjectsV2 requests prove the paginator follows continuation tokens.
        assertEquals(4, recorder.operations("ListObjectsV2").size());
    }

    @Test
    void listOfAWholeBucketUsesTheCanonicalForm() throws IOException {
        server.createBucket("tiny");
        setup.putObject(b -> b.bucket("tiny").key("a/b.jpg"), RequestBody.fromBytes(bytes("x")));

        assertEquals(List.of("s3://tiny/a/b.jpg"), store.list("s3://tiny"));
        assertEquals(List.of("s3://tiny/a/b.jpg"), store.list("s3://tiny/"));
    }

    @Test
    void uploadDownloadAndOpenStreamLargeFiles() throws IOException {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        Path source = Files.write(dir.resolve("shard.parquet"), content);
        String uri = uri("runs/r1/shard ü.parquet");

        store.upload(source, uri);
        Path copy = dir.resolve("downloads/nested/copy.parquet");
        store.download(uri, copy);
        store.download(uri, copy); // replaces an existing file

        assertArrayEquals(content, Files.readAllBytes(copy));
        try (InputStream in = store.open(uri)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        try (Stream<Path> leftovers = Files.list(copy.getParent())) {
            assertEquals(List.of(copy), leftovers.toList());
        }
    }

    @Test
    void missingObjectsFailNonImageOperationsWithNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> store.open(uri("missing.jsonl")));
        assertThrows(NoSuchFileException.class, () -> store.download(uri("missing.jsonl"), dir.resolve("m")));
        assertThrows(NoSuchFileException.class, () -> store.upload(dir.resolve("no-file"), uri("x")));
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void existsAndDelete() throws IOException {
        String uri = uri("to-delete.jpg");
        store.write(uri, bytes("x"));
        assertTrue(store.exists(uri));

        store.delete(uri);

        assertFalse(store.exists(uri));
        assertEquals(ErrorCode.NOT_FOUND, readFails(store, uri));
        store.delete(uri); // deleting a missing object is not an error
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One HTTP exchange as the SDK sent and received it. */
    record Exchange(String operation, Optional<String> range, Optional<Long> contentLength) {
    }

    /** Records every transmitted request, so tests can see what went over the wire. */
    static final class Recorder implements ExecutionInterceptor {

        private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            exchanges.add(new Exchange(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    context.httpRequest().firstMatchingHeader("Range"),
                    context.httpResponse().firstMatchingHeader("Content-Length").map(Long::parseLong)));
        }

        List<Exchange> operations(String name) {
            return exchanges.stream().filter(e -> e.operation().equals(name)).toList();
        }

        void clear() {
            exchanges.clear();
        }
    }
}
