package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.allowed-prefixes: what a prefix covers, and the routing store refusing reads outside them. */
class AllowedPrefixesTest {

    @TempDir
    Path dir;

    @Test
    void noPrefixesAllowEverything() {
        assertFalse(AllowedPrefixes.ANY.restricts());
        assertTrue(AllowedPrefixes.ANY.allows("s3://any/thing.jpg"));
        assertTrue(AllowedPrefixes.ANY.allows("/etc/passwd"));
        assertFalse(AllowedPrefixes.ANY.plus("s3://out/").restricts(), "adding to 'everything' restricts nothing");
    }

    @Test
    void s3PrefixesCoverWholeSegmentsOfOneBucket() {
        AllowedPrefixes allowed = AllowedPrefixes.of(List.of("s3://data/images", "s3://models/"));

        assertTrue(allowed.allows("s3://data/images/a.jpg"));
        assertTrue(allowed.allows("s3://data/images/deep/er/a.jpg"));
        assertTrue(allowed.allows("S3://data/images/a.jpg"), "the scheme is case-insensitive");
        assertTrue(allowed.allows("s3://models/yolo.onnx"));
        assertFalse(allowed.allows("s3://data/images-private/a.jpg"), "a prefix ends at a segment boundary");
        assertFalse(allowed.allows("s3://data/other/a.jpg"));
        assertFalse(allowed.allows("s3://data2/images/a.jpg"));
        assertFalse(allowed.allows("s3://models-evil/yolo.onnx"));
        assertFalse(allowed.allows("s3://data/images/../secrets/key.pem"), "dot segments are never covered");
        assertFalse(allowed.allows("s3://data/images/./a.jpg"));
        assertFalse(allowed.allows("https://data/images/a.jpg"));
        assertFalse(allowed.allows("s3:///images/a.jpg"), "malformed URIs are not covered");
    }

    @Test
    void localPrefixesCompareNormalisedPathsInAnyForm() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("images-private"));
        AllowedPrefixes allowed = AllowedPrefixes.of(List.of(images.toString()));

        assertTrue(allowed.allows(images.resolve("a.jpg").toString()));
        assertTrue(allowed.allows(images.resolve("a.jpg").toUri().toString()));
        assertFalse(allowed.allows(dir.resolve("images-private/a.jpg").toString()));
        assertFalse(allowed.allows(images.resolve("../images-private/a.jpg").toString()));
        assertFalse(allowed.allows(dir.resolve("other.jpg").toString()));
        assertFalse(allowed.allows("s3://images/a.jpg"));
    }

    @Test
    void aSymbolicLinkInsideAnAllowedFolderCannotLeadOutside() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("secret")).resolve("key.pem"), "k");
        Files.createSymbolicLink(images.resolve("link"), secret.getParent());
        AllowedPrefixes allowed = AllowedPrefixes.of(List.of(images.toString()));

        assertFalse(allowed.allows(images.resolve("link/key.pem").toString()));
        assertFalse(allowed.allows(images.resolve("link/not-yet-there.jpg").toString()));
    }

    @Test
    void malformedPrefixesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AllowedPrefixes.of(List.of(" ")));
        assertThrows(IllegalArgumentException.class, () -> AllowedPrefixes.of(List.of("gs://bucket/")));
        assertThrows(IllegalArgumentException.class, () -> AllowedPrefixes.of(List.of("s3:///key")));
        assertThrows(IllegalArgumentException.class, () -> AllowedPrefixes.of(List.of("s3://b/a/../c")));
    }

    @Test
    void theRoutingStoreRefusesReadsOutsideBeforeAnyRequest() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path inside = Files.writeString(images.resolve("in.jpg"), "in");
        Path outside = Files.writeString(dir.resolve("out.jpg"), "out");
        AtomicInteger s3Made = new AtomicInteger();
        try (RoutingBlobStore store = new RoutingBlobStore(new LocalBlobStore(1024), () -> {
            s3Made.incrementAndGet();
            throw new AssertionError("no S3 store for a refused read");
        }, AllowedPrefixes.of(List.of(images.toString())))) {
            assertArrayEquals("in".getBytes(), store.readAll(inside.toString()));
            assertEquals(2, store.stat(inside.toString()).size());

            for (String uri : List.of(outside.toString(), "s3://bucket/a.jpg")) {
                assertEquals(ErrorCode.INVALID_URI, assertThrows(LabelingException.class, () -> store.readAll(uri)).code());
                assertEquals(ErrorCode.INVALID_URI, assertThrows(LabelingException.class, () -> store.read(uri)).code());
                assertEquals(ErrorCode.INVALID_URI, assertThrows(LabelingException.class, () -> store.stat(uri)).code());
                AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> store.open(uri));
                assertTrue(denied.getMessage().contains("storage.allowed-prefixes"), denied.getMessage());
                assertThrows(AccessDeniedException.class, () -> store.download(uri, dir.resolve("copy")));
                assertThrows(AccessDeniedException.class, () -> store.exists(uri));
                assertThrows(AccessDeniedException.class, () -> store.list(uri));
            }
            store.write(dir.resolve("written.txt").toString(), "w".getBytes()); // writes are not restricted
        }
        assertEquals(0, s3Made.get());
        assertTrue(Files.exists(dir.resolve("written.txt")));
    }
}
