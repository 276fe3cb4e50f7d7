package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {

    @TempDir
    Path dir;

    private final LocalBlobStore store = new LocalBlobStore(10);

    private Path file(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private ErrorCode readFails(String uri) {
        return assertThrows(LabelingException.class, () -> store.readAll(uri)).code();
    }

    @Test
    void readsPlainPathsAndFileUris() throws Exception {
        Path file = file("dir with space/ünïcode ✓.jpg", bytes("0123456789"));

        assertArrayEquals(bytes("0123456789"), store.readAll(file.toString()));
        assertArrayEquals(bytes("0123456789"), store.readAll(file.toUri().toString()));
        // Hand-written, unencoded file URIs are read as literal paths.
        assertArrayEquals(bytes("0123456789"), store.readAll("file://" + file));
    }

    @Test
    void missingFileIsNotFound() {
        assertEquals(ErrorCode.NOT_FOUND, readFails(dir.resolve("nope.jpg").toString()));
        assertEquals(ErrorCode.NOT_FOUND, readFails(dir.resolve("nope.jpg").toUri().toString()));
    }

    @Test
    void directoryIsNotFound() {
        assertEquals(ErrorCode.NOT_FOUND, readFails(dir.toString()));
    }

    @Test
    void fileUnderAFileIsNotFound() throws IOException {
        Path file = file("a.jpg", bytes("x"));
        assertEquals(ErrorCode.NOT_FOUND, readFails(file.resolve("b.jpg").toString()));
    }

    @Test
    void oversizedFileIsRefusedAndExactLimitIsRead() throws Exception {
        assertEquals(ErrorCode.TOO_LARGE, readFails(file("big.jpg", new byte[11]).toString()));
        assertEquals(10, store.readAll(file("edge.jpg", new byte[10]).toString()).length);
    }

    @Test
    void hugeFileIsRefusedFromItsSizeWithoutReadingIt() throws Exception {
        // A sparse 8 GiB file: reading it into memory would fail with OutOfMemoryError, not TOO_LARGE.
        Path sparse = dir.resolve("sparse.jpg");
        try (var raf = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            raf.setLength(8L << 30);
        }
        LocalBlobStore generous = new LocalBlobStore(Long.MAX_VALUE);
        LabelingException e = assertThrows(LabelingException.class, () -> generous.readAll(sparse.toString()));
        assertEquals(ErrorCode.TOO_LARGE, e.code());
    }

    @Test
    void zeroBytesIsEmptyObject() throws IOException {
        assertEquals(ErrorCode.EMPTY_OBJECT, readFails(file("empty.jpg", new byte[0]).toString()));
    }

    @Test
    void malformedFileUriIsInvalidUri() {
        assertEquals(ErrorCode.INVALID_URI, readFails("file://some-host/images/a.jpg"));
        assertEquals(ErrorCode.INVALID_URI, readFails("file:relative path.jpg"));
    }

    @Test
    void unreadableFileIsAccessDenied() throws IOException {
        Path file = file("secret.jpg", bytes("x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions are not enforced");
        assertEquals(ErrorCode.ACCESS_DENIED, readFails(file.toString()));
    }

    @Test
    void ioFaultsMapToRowCodes() {
        assertEquals(ErrorCode.ACCESS_DENIED, LocalBlobStore.codeFor(new AccessDeniedException("/x")));
        assertEquals(ErrorCode.NOT_FOUND, LocalBlobStore.codeFor(new NoSuchFileException("/x")));
        assertEquals(ErrorCode.IO_ERROR, LocalBlobStore.codeFor(new IOException("disk on fire")));
    }

    @Test
    void writeCreatesParentsAndReplacesWithoutLeavingTempFiles() throws Exception {
        String uri = dir.resolve("out/nested/shard.bin").toUri().toString();
        store.write(uri, bytes("first"));
        store.write(uri, bytes("second"));

        assertArrayEquals(bytes("second"), Files.readAllBytes(dir.resolve("out/nested/shard.bin")));
        assertEquals(List.of("shard.bin"), names(dir.resolve("out/nested")));
    }

    @Test
    void failedUploadLeavesTheOldFileAndNoTempFile() throws IOException {
        Path target = file("out/report.json", bytes("old"));
        Path notAFile = Files.createDirectories(dir.resolve("a-directory"));

        assertThrows(IOException.class, () -> store.upload(notAFile, target.toString()));

        assertArrayEquals(bytes("old"), Files.readAllBytes(target));
        assertEquals(List.of("report.json"), names(target.getParent()));
    }

    @Test
    void uploadDownloadOpenExistsDelete() throws IOException {
        Path source = file("src/model.onnx", bytes("weights"));
        String uri = dir.resolve("store/model.onnx").toString();

        store.upload(source, uri);
        assertTrue(store.exists(uri));
        Path copy = dir.resolve("dl/copy.onnx");
        store.download(uri, copy);
        assertArrayEquals(bytes("weights"), Files.readAllBytes(copy));
        try (InputStream in = store.open(uri)) {
            assertArrayEquals(bytes("weights"), in.readAllBytes());
        }

        store.delete(uri);
        assertFalse(store.exists(uri));
        store.delete(uri); // deleting a missing file is not an error
        assertThrows(NoSuchFileException.class, () -> store.open(uri));
    }

    @Test
    void listIsSortedStringPrefixInTheFormGiven() throws IOException {
        file("imgs/b.jpg", bytes("b"));
        file("imgs/a.jpg", bytes("a"));
        file("imgs/sub/c.jpg", bytes("c"));
        file("imgs2/d.jpg", bytes("d"));
        file("other/e.jpg", bytes("e"));
        Path imgs = dir.resolve("imgs");

        assertEquals(List.of(imgs + "/a.jpg", imgs + "/b.jpg", imgs + "/sub/c.jpg"), store.list(imgs + "/"));
        assertEquals(List.of(imgs + "/a.jpg", imgs + "/b.jpg", imgs + "/sub/c.jpg", dir + "/imgs2/d.jpg"),
                store.list(imgs.toString()));
        assertEquals(List.of(imgs + "/a.jpg"), store.list(imgs + "/a"));
        assertEquals(List.of("file://" + imgs + "/a.jpg", "file://" + imgs + "/b.jpg", "file://" + imgs + "/sub/c.jpg"),
                store.list(imgs.toUri().toString()));
        assertEquals(List.of(), store.list(dir.resolve("missing/").toString()));
    }

    @Test
    void listedFileUrisReadBack() throws Exception {
        file("imgs/dir with space/ünï ✓.jpg", bytes("x"));

        List<String> uris = store.list(dir.resolve("imgs").toUri().toString());

        assertEquals(1, uris.size());
        assertTrue(uris.get(0).startsWith("file:/"), uris.get(0));
        assertArrayEquals(bytes("x"), store.readAll(uris.get(0)));
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
