package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files are fingerprinted by size and modification time, by stat and by read alike. */
class LocalFingerprintTest {

    private static final FileTime T0 = FileTime.from(Instant.parse("2026-01-01T00:00:00.123456Z"));

    @TempDir
    Path dir;

    private final LocalBlobStore store = new LocalBlobStore(1024);

    @Test
    void statGivesSizeAndTheSameFingerprintAsARead() throws Exception {
        Path file = Files.writeString(dir.resolve("a b.jpg"), "pixels");
        Files.setLastModifiedTime(file, T0);

        ObjectInfo info = store.stat(file.toString());
        Blob blob = store.read(file.toUri().toString());

        assertEquals(6, info.size());
        assertEquals("size:6,mtime:2026-01-01T00:00:00.123456Z", info.fingerprint());
        assertEquals(info.fingerprint(), blob.fingerprint());
        assertArrayEquals("pixels".getBytes(StandardCharsets.UTF_8), blob.bytes());
        assertEquals(info, store.stat(file.toString()), "stable while the file is unchanged");
    }

    @Test
    void aNewModificationTimeOrSizeChangesTheFingerprint() throws Exception {
        Path file = Files.writeString(dir.resolve("a.jpg"), "pixels");
        Files.setLastModifiedTime(file, T0);
        String before = store.stat(file.toString()).fingerprint();

        Files.setLastModifiedTime(file, FileTime.from(T0.toInstant().plusNanos(1000)));
        String touched = store.stat(file.toString()).fingerprint();
        Files.writeString(file, "pixels!");
        Files.setLastModifiedTime(file, T0);
        String resized = store.stat(file.toString()).fingerprint();

        assertNotEquals(before, touched);
        assertNotEquals(before, resized);
    }

    @Test
    void missingFilesAndDirectoriesAreNotFound() {
        assertEquals(ErrorCode.NOT_FOUND,
                assertThrows(LabelingException.class, () -> store.stat(dir.resolve("nope.jpg").toString())).code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(LabelingException.class, () -> store.stat(dir.toString())).code());
    }
}
