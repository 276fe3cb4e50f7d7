package dev.autolabel.spark.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The temporary folder ({@code .export-*} inside the export's folder) where rendered shards wait until they are put
 * into the export's files. It holds files only; closing removes it with whatever is left (a failed export's chunks).
 */
final class ChunkFolder implements AutoCloseable {

    private final Path dir;

    ChunkFolder(Path out) throws IOException {
        this.dir = Files.createTempDirectory(out, ".export-");
    }

    Path path() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> left = Files.list(dir)) {
            for (Path file : left.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
