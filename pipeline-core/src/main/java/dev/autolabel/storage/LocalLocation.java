package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;

/**
 * A local file named by a plain path or a {@code file:} URI, remembering the form it was given in so that
 * listings answer in the same form.
 */
record LocalLocation(Path path, boolean fileUri) {

    LocalLocation {
        requireNonNull(path, "path");
    }

    /** Parses a plain path or a {@code file:} URI; IllegalArgumentException (with the reason) when malformed. */
    static LocalLocation parse(String uri) {
        requireNonNull(uri, "uri");
        if (!uri.regionMatches(true, 0, "file:", 0, 5)) {
            return new LocalLocation(Path.of(uri), false);
        }
        return new LocalLocation(fromFileUri(uri), true);
    }

    private static Path fromFileUri(String uri) {
        try {
            return Path.of(new URI(uri));
        } catch (URISyntaxException e) {
            // Hand-written manifests often carry unencoded file URIs (spaces, '%'): read the rest as a literal path.
            if (uri.startsWith("file:///")) {
                return Path.of(uri.substring("file://".length()));
            }
            throw new IllegalArgumentException("malformed file URI '" + uri + "': " + e.getReason(), e);
        } catch (FileSystemNotFoundException e) {
            throw new IllegalArgumentException("file URI '" + uri + "' names no local file system", e);
        }
    }

    /** {@code file} in this location's form: a path as given (relative stays relative) or a canonical file URI. */
    String format(Path file) {
        return fileUri ? file.toAbsolutePath().toUri().toString() : file.toString();
    }
}
