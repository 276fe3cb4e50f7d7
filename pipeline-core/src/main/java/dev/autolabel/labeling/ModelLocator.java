package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.model.ModelException;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a model location (local path, {@code file://} or {@code s3://} URI) into a local file ONNX Runtime can
 * open. A remote model is downloaded once per JVM (into a folder of this JVM's own, so a model replaced at the
 * same URI is never served stale from an earlier process) and shared by every task after that.
 */
public final class ModelLocator {

    private static final ConcurrentHashMap<String, Path> DOWNLOADED = new ConcurrentHashMap<>();

    private final BlobStore store;

    public ModelLocator(BlobStore store) {
        this.store = requireNonNull(store, "store");
    }

    public Path localFile(String location) {
        if (location.startsWith("file://")) {
            return Path.of(URI.create(location));
        }
        if (!location.contains("://")) {
            return Path.of(location);
        }
        return DOWNLOADED.computeIfAbsent(location, this::download);
    }

    /**
     * The location of {@code fileName} in the model's folder (how exports ship their config.json and tokenizer.json),
     * when it exists there.
     */
    public java.util.Optional<String> sibling(String modelLocation, String fileName) {
        int slash = modelLocation.lastIndexOf('/');
        String candidate = slash < 0 ? fileName : modelLocation.substring(0, slash + 1) + fileName;
        try {
            boolean there = candidate.contains("://") && !candidate.startsWith("file://") ? store.exists(candidate)
                    : Files.isRegularFile(localFile(candidate));
            return there ? java.util.Optional.of(candidate) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // unreadable folder: as if absent; configure the file explicitly
        }
    }

    private Path download(String location) {
        try {
            Path dir = Files.createTempDirectory("autolabel-model-");
            Path file = dir.resolve(location.substring(location.lastIndexOf('/') + 1));
            store.download(location, file);
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException | UncheckedIOException e) {
            throw new ModelException("cannot download model " + location + ": " + e.getMessage(), e);
        }
    }
}
