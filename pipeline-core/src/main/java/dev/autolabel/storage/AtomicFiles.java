package dev.autolabel.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a local file so that readers see either the old or the complete new content, never a partial
 * file: the content goes to a temporary file in the same directory, which is then renamed over the target.
 */
final class AtomicFiles {

    /** Fills the temporary file; it exists (empty) when called and may be replaced. */
    @FunctionalInterface
    interface TempWriter {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    static void replace(Path target, TempWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            writer.writeTo(temp);
            move(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
