package dev.autolabel.storage;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files on a local (or mounted) file system, named by plain paths or {@code file:} URIs. Writes are atomic
 * (temporary file + rename in the target directory), so a reader never sees a half-written shard.
 */
public final class LocalBlobStore implements BlobStore {

    private final int maxBytes;

    /** {@code maxObjectBytes} bounds {@link #readAll}; values beyond what a byte array can hold are capped. */
    public LocalBlobStore(long maxObjectBytes) {
        this.maxBytes = ReadLimit.cap(maxObjectBytes);
    }

    @Override
    public byte[] readAll(String uri) throws LabelingException {
        return read(uri).bytes();
    }

    /** The attributes are read before the content, so the fingerprint is never newer than the bytes. */
    @Override
    public Blob read(String uri) throws LabelingException {
        Path file = parse(uri);
        try {
            ObjectInfo info = fileInfo(uri, file);
            ReadLimit.check(uri, info.size(), maxBytes);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(maxBytes + 1);
            }
            // The file may have changed between the size check and the read.
            ReadLimit.check(uri, bytes.length, maxBytes);
            return new Blob(bytes, info.fingerprint());
        } catch (IOException e) {
            throw readFailure(uri, file, e);
        }
    }

    @Override
    public ObjectInfo stat(String uri) throws LabelingException {
        Path file = parse(uri);
        try {
            return fileInfo(uri, file);
        } catch (IOException e) {
            throw readFailure(uri, file, e);
        }
    }

    private static ObjectInfo fileInfo(String uri, Path file) throws IOException, LabelingException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            throw new LabelingException(ErrorCode.NOT_FOUND, uri + " is a directory, not a file");
        }
        return ObjectInfo.ofFile(attrs.size(), attrs.lastModifiedTime().toInstant());
    }

    private static LabelingException readFailure(String uri, Path file, IOException e) {
        ErrorCode code = codeFor(e);
        // ENOTDIR (a path component is a file) arrives as a plain FileSystemException.
        if (code == ErrorCode.IO_ERROR && !Files.exists(file)) {
            code = ErrorCode.NOT_FOUND;
        }
        return new LabelingException(code, "cannot read " + uri + ": " + e, e);
    }

    /** The row's error code for an I/O fault on a local file. */
    static ErrorCode codeFor(IOException e) {
        if (e instanceof NoSuchFileException) {
            return ErrorCode.NOT_FOUND;
        }
        if (e instanceof AccessDeniedException) {
            return ErrorCode.ACCESS_DENIED;
        }
        return ErrorCode.IO_ERROR;
    }

    @Override
    public InputStream open(String uri) throws IOException {
        return Files.newInputStream(path(uri));
    }

    @Override
    public void write(String uri, byte[] bytes) throws IOException {
        AtomicFiles.replace(path(uri), temp -> Files.write(temp, bytes));
    }

    @Override
    public void upload(Path localFile, String uri) throws IOException {
        copy(localFile, path(uri));
    }

    @Override
    public void download(String uri, Path localFile) throws IOException {
        copy(path(uri), localFile);
    }

    private static void copy(Path from, Path to) throws IOException {
        // Through a stream, so a directory as source fails instead of being copied as an empty directory.
        try (InputStream in = Files.newInputStream(from)) {
            AtomicFiles.replace(to, temp -> Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING));
        }
    }

    @Override
    public boolean exists(String uri) {
        return Files.isRegularFile(path(uri));
    }

    /**
     * Regular files whose path starts with the prefix's path, as plain string prefixes like S3 (so
     * {@code data/img} matches {@code data/img1.jpg} and {@code data/img/a.jpg}); a prefix ending in '/'
     * lists that directory. Answers in the prefix's form: plain paths, or canonical (percent-encoded) file URIs.
     */
    @Override
    public List<String> list(String prefixUri) throws IOException {
        LocalLocation prefix = LocalLocation.parse(prefixUri);
        boolean directory = prefixUri.endsWith("/");
        Path dir = directory ? prefix.path() : parentOf(prefix.path());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String namePrefix = directory ? "" : String.valueOf(prefix.path().getFileName());
        List<String> uris = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (entry.getFileName().toString().startsWith(namePrefix)) {
                    addFiles(entry, prefix, uris);
                }
            }
        }
        uris.sort(null);
        return uris;
    }

    private static Path parentOf(Path path) {
        Path parent = path.getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static void addFiles(Path entry, LocalLocation form, List<String> uris) throws IOException {
        try (Stream<Path> files = Files.walk(entry)) {
            files.filter(Files::isRegularFile).map(form::format).forEach(uris::add);
        }
    }

    @Override
    public void delete(String uri) throws IOException {
        Files.deleteIfExists(path(uri));
    }

    @Override
    public void close() {
        // Nothing held open.
    }

    private static Path parse(String uri) throws LabelingException {
        try {
            return path(uri);
        } catch (IllegalArgumentException e) {
            throw new LabelingException(ErrorCode.INVALID_URI, e.getMessage(), e);
        }
    }

    private static Path path(String uri) {
        return LocalLocation.parse(uri).path();
    }
}
