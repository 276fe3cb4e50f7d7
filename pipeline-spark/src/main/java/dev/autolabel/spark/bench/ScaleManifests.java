package dev.autolabel.spark.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Large generated manifests for the scale benchmark: a folder of gzipped JSONL parts of 1,000,000 rows each (as
 * Spark or SQL export them), every row a unique id with realistic fields, the URIs cycling through a few hundred
 * small real JPEGs so that a run over them can really label. Kept in a folder named after the row count; a second
 * benchmark reuses it (a {@code _SUCCESS} file marks it complete).
 */
final class ScaleManifests {

    static final int ROWS_PER_PART = 1_000_000;

    private ScaleManifests() {
    }

    /** The manifest folder of {@code rows} rows under {@code root}, written by all cores if not there yet. */
    static Path ensure(Path root, long rows, List<Path> images) throws IOException {
        Path folder = root.resolve("manifest-" + rows);
        if (Files.exists(folder.resolve("_SUCCESS"))) {
            return folder;
        }
        Files.createDirectories(folder);
        int parts = (int) ((rows + ROWS_PER_PART - 1) / ROWS_PER_PART);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                long from = (long) p * ROWS_PER_PART;
                long to = Math.min(rows, from + ROWS_PER_PART);
                Path part = folder.resolve(String.format("part-%05d.jsonl.gz", p));
                done.add(pool.submit(() -> writePart(part, from, to, images)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + folder, e);
        } catch (ExecutionException e) {
            throw new IOException("writing " + folder + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Files.writeString(folder.resolve("_SUCCESS"), "");
        return folder;
    }

    /** One row: unique id, the image it points at, and the kind of fields a capture pipeline adds. */
    static String line(long i, List<Path> images) {
        Path image = images.get((int) (i % images.size()));
        return String.format("{\"id\":\"frame-%012d\",\"uri\":\"%s\",\"camera\":\"cam-%03d\",\"captured_at\":"
                + "\"2026-01-%02dT%02d:%02d:%02dZ\",\"split\":\"%s\"}", i, image.toAbsolutePath(), i % 997,
                1 + i % 28, i % 24, i % 60, (i / 60) % 60, i % 10 == 0 ? "val" : "train");
    }

    private static Void writePart(Path part, long from, long to, List<Path> images) {
        Path partial = part.resolveSibling(part.getFileName() + ".partial");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16);
                Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16)) {
            for (long i = from; i < to; i++) {
                out.write(line(i, images));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(partial, part, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }
}
