package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoresTest {

    private static LoopbackS3Server server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = LoopbackS3Server.start();
        server.createBucket("routed");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void routesS3FileUrisAndPlainPaths() throws Exception {
        try (BlobStore store = BlobStores.create(server.storageSettings(1024))) {
            Path local = dir.resolve("a.jpg");
            store.write(local.toString(), bytes("local"));
            store.upload(local, "s3://routed/from-local.jpg");

            assertArrayEquals(bytes("local"), store.readAll("s3://routed/from-local.jpg"));
            assertArrayEquals(bytes("local"), store.readAll(local.toUri().toString()));
            assertEquals(List.of("s3://routed/from-local.jpg"), store.list("s3://routed/from"));
            assertEquals(List.of(local.toString()), store.list(dir + "/"));
            assertTrue(Files.isRegularFile(local));
        }
    }

    @Test
    void unknownSchemeIsInvalidUriForReadsAndRefusedElsewhere() {
        try (BlobStore store = BlobStores.create(server.storageSettings(1024))) {
            LabelingException e = assertThrows(LabelingException.class, () -> store.readAll("gs://bucket/a.jpg"));
            assertEquals(ErrorCode.INVALID_URI, e.code());
            assertTrue(e.getMessage().contains("gs://bucket/a.jpg"), e.getMessage());

            assertThrows(IllegalArgumentException.class, () -> store.write("https://host/a.jpg", bytes("x")));
            assertThrows(IllegalArgumentException.class, () -> store.list("s3a://bucket/"));
        }
    }

    @Test
    void plainPathWithColonIsLocal() throws Exception {
        try (BlobStore store = BlobStores.create(server.storageSettings(1024))) {
            Path odd = dir.resolve("cam:1.jpg");
            Files.write(odd, bytes("x"));
            assertArrayEquals(bytes("x"), store.readAll(odd.toString()));
        }
    }

    @Test
    void s3StoreIsMadeOnFirstS3UseOnlyAndClosedWithTheRouter() throws Exception {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        RoutingBlobStore store = new RoutingBlobStore(new LocalBlobStore(1024), () -> {
            made.incrementAndGet();
            return new ClosingProbe(S3BlobStore.create(server.storageSettings(1024)), closed);
        });
        Path local = Files.write(dir.resolve("x.jpg"), bytes("x"));

        store.readAll(local.toString());
        store.list(dir.toString());
        assertEquals(0, made.get(), "a purely local run never builds an S3 client");

        store.write("s3://routed/lazy.jpg", bytes("y"));
        assertArrayEquals(bytes("y"), store.readAll("s3://routed/lazy.jpg"));
        assertEquals(1, made.get());

        store.close();
        assertEquals(1, closed.get());
        assertThrows(IllegalStateException.class, () -> store.exists("s3://routed/lazy.jpg"));
    }

    @Test
    void aClosedLocalOnlyRouterNeverBuildsAnS3Store() throws Exception {
        AtomicInteger made = new AtomicInteger();
        RoutingBlobStore store = new RoutingBlobStore(new LocalBlobStore(1024), () -> {
            made.incrementAndGet();
            throw new AssertionError("S3 store must not be built");
        });
        store.write(dir.resolve("y.jpg").toString(), bytes("y"));
        store.close();

        assertThrows(IllegalStateException.class, () -> store.exists("s3://routed/y.jpg"));
        assertEquals(0, made.get());
        assertTrue(Files.isRegularFile(dir.resolve("y.jpg")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Delegates to a real store and counts close calls. */
    private record ClosingProbe(BlobStore delegate, AtomicInteger closed) implements BlobStore {
        @Override
        public byte[] readAll(String uri) throws LabelingException {
            return delegate.readAll(uri);
        }

        @Override
        public ObjectInfo stat(String uri) throws LabelingException {
            return delegate.stat(uri);
        }

        @Override
        public InputStream open(String uri) throws IOException {
            return delegate.open(uri);
        }

        @Override
        public void write(String uri, byte[] bytes) throws IOException {
            delegate.write(uri, bytes);
        }

        @Override
        public void upload(Path localFile, String uri) throws IOException {
            delegate.upload(localFile, uri);
        }

        @Override
        public void download(String uri, Path localFile) throws IOException {
            delegate.download(uri, localFile);
        }

        @Override
        public boolean exists(String uri) throws IOException {
            return delegate.exists(uri);
        }

        @Override
        public List<String> list(String prefixUri) throws IOException {
            return delegate.list(prefixUri);
        }

        @Override
        public void delete(String uri) throws IOException {
            delegate.delete(uri);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            delegate.close();
        }
    }
}
