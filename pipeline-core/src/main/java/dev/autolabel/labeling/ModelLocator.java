package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.model.ModelException;
import dev.autolabel.model.Sha256;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Turns a model location (local path, {@code file://} or {@code s3://} URI) into a local file ONNX Runtime can
 * open. Remote models are downloaded once per machine into a cache folder keyed by their URI, through a temporary
 * name, so concurrent tasks never see a half-written file.
 */
public final class ModelLocator {

    private final BlobStore store;
    private final Path cacheDir;

    public ModelLocator(BlobStore store, Path cacheDir) {
        this.store = requireNonNull(store, "store");
        this.cacheDir = requireNonNull(cacheDir, "cacheDir");
    }

    /** A locator caching under {@code java.io.tmpdir/autolabel-models}. */
    public static ModelLocator withDefaultCache(BlobStore store) {
        return new ModelLocator(store, Path.of(System.getProperty("java.io.tmpdir"), "autolabel-models"));
    }

    public Path localFile(String location) {
        if (!location.startsWith("s3://")) {
            return location.startsWith("file://") ? Path.of(java.net.URI.create(location)) : Path.of(location);
        }
        String name = location.substring(location.lastIndexOf('/') + 1);
        Path cached = cacheDir.resolve(Sha256.ofBytes(location.getBytes(StandardCharsets.UTF_8)).substring(0, 16) + "-" + name);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        try {
            Files.createDirectories(cacheDir);
            Path partial = Files.createTempFile(cacheDir, name, ".part");
            store.download(location, partial);
            Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return cached;
        } catch (IOException e) {
            throw new ModelException("cannot download model " + location + ": " + e.getMessage(), e);
        }
    }
}
