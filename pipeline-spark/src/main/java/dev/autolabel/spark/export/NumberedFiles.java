package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of an export that may need more than one ({@code coco-00000.json}, {@code coco-00001.json} ...): written
 * under numbered names and, when one file was enough, renamed to the plain name ({@code coco.json}) at the end, so
 * small exports look as they always did. Also decides when the next chunk starts a new file.
 */
final class NumberedFiles {

    private final Path dir;
    private final String stem;
    private final String extension;
    private final long maxPerFile;
    private final List<Path> written = new ArrayList<>();
    private long inCurrent;

    /** {@code maxPerFile}: what a file may hold (boxes), unless one chunk alone holds more. */
    NumberedFiles(Path dir, String stem, String extension, long maxPerFile) {
        this.dir = requireNonNull(dir, "dir");
        this.stem = requireNonNull(stem, "stem");
        this.extension = requireNonNull(extension, "extension");
        this.maxPerFile = maxPerFile;
    }

    /** Whether a chunk of {@code count} must go to a new file: none is open, or this one would pass the limit. */
    boolean needsNewFile(long count) {
        return written.isEmpty() || inCurrent > 0 && inCurrent + count > maxPerFile;
    }

    /** Starts the next file and returns its path. */
    Path next() {
        Path file = dir.resolve(String.format("%s-%05d.%s", stem, written.size(), extension));
        written.add(file);
        inCurrent = 0;
        return file;
    }

    /** Counts what was added to the current file. */
    void added(long count) {
        inCurrent += count;
    }

    boolean any() {
        return !written.isEmpty();
    }

    /** The finished files: the single file renamed to {@code stem.extension}, or the numbered ones. */
    List<Path> finish() throws IOException {
        if (written.size() == 1) {
            Path single = dir.resolve(stem + "." + extension);
            Files.move(written.get(0), single, StandardCopyOption.REPLACE_EXISTING);
            written.set(0, single);
        }
        return List.copyOf(written);
    }

    List<Path> written() {
        return List.copyOf(written);
    }
}
