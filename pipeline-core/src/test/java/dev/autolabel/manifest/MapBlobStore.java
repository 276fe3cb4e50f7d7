package dev.autolabel.manifest;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.ObjectInfo;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A BlobStore over an in-memory map, for manifest tests; it counts streams opened and not yet closed. */
final class MapBlobStore implements BlobStore {

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();

    MapBlobStore put(String uri, byte[] bytes) {
        objects.put(uri, bytes.clone());
        return this;
    }

    int openStreams() {
        return openStreams.get();
    }

    @Override
    public byte[] readAll(String uri) throws LabelingException {
        byte[] bytes = objects.get(uri);
        if (bytes == null) {
            throw new LabelingException(ErrorCode.NOT_FOUND, uri + " does not exist");
        }
        return bytes.clone();
    }

    @Override
    public ObjectInfo stat(String uri) throws LabelingException {
        byte[] bytes = readAll(uri);
        return new ObjectInfo(bytes.length, "content:" + java.util.Arrays.hashCode(bytes));
    }

    @Override
    public InputStream open(String uri) throws IOException {
        byte[] bytes = objects.get(uri);
        if (bytes == null) {
            throw new NoSuchFileException(uri);
        }
        openStreams.incrementAndGet();
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    openStreams.decrementAndGet();
                }
                super.close();
            }
        };
    }

    @Override
    public void write(String uri, byte[] bytes) {
        put(uri, bytes);
    }

    @Override
    public void upload(Path localFile, String uri) throws IOException {
        put(uri, Files.readAllBytes(localFile));
    }

    @Override
    public void download(String uri, Path localFile) throws IOException {
        try (InputStream in = open(uri)) {
            Files.write(localFile, in.readAllBytes());
        }
    }

    @Override
    public boolean exists(String uri) {
        return objects.containsKey(uri);
    }

    @Override
    public List<String> list(String prefixUri) {
        return objects.keySet().stream().filter(u -> u.startsWith(prefixUri)).sorted().toList();
    }

    @Override
    public void delete(String uri) {
        objects.remove(uri);
    }

    @Override
    public void close() {
    }
}
