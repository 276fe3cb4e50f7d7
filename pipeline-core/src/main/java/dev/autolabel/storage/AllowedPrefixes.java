package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The URI prefixes a run may read ({@code storage.allowed-prefixes}); no prefixes means no restriction.
 * A prefix covers whole path segments only: {@code s3://data/images} covers {@code s3://data/images/a.jpg} but
 * not {@code s3://data/images-private/a.jpg}. S3 keys with "." or ".." segments are never covered (some
 * S3-compatible servers resolve them). Local paths are compared after resolving "..", and symbolic links of
 * the parts that exist, so a link inside an allowed folder cannot lead outside it.
 */
public final class AllowedPrefixes {

    /** No restriction. */
    public static final AllowedPrefixes ANY = new AllowedPrefixes(List.of(), List.of());

    private final List<String> given;
    private final List<Prefix> prefixes;

    private AllowedPrefixes(List<String> given, List<Prefix> prefixes) {
        this.given = List.copyOf(given);
        this.prefixes = List.copyOf(prefixes);
    }

    /** Parses prefixes ({@code s3://bucket[/key-prefix]}, {@code file:} URIs or local paths); empty = ANY. */
    public static AllowedPrefixes of(List<String> prefixes) {
        requireNonNull(prefixes, "prefixes");
        List<Prefix> parsed = new ArrayList<>();
        for (String p : prefixes) {
            parsed.add(parse(p));
        }
        return new AllowedPrefixes(prefixes, parsed);
    }

    private static Prefix parse(String prefix) {
        requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("an allowed prefix must not be blank");
        }
        return switch (UriScheme.of(prefix)) {
            case S3 -> {
                S3Uri s3 = S3Uri.parsePrefix(prefix);
                if (hasDotSegment(s3.key())) {
                    throw new IllegalArgumentException("allowed prefix '" + prefix + "' has a '.' or '..' segment");
                }
                yield new S3Prefix(s3.bucket(), s3.key());
            }
            case LOCAL -> new LocalPrefix(LocalLocation.parse(prefix).path().toAbsolutePath().normalize());
            case UNSUPPORTED -> throw new IllegalArgumentException(UriScheme.unsupportedMessage(prefix));
        };
    }

    /** Whether any prefix is configured. */
    public boolean restricts() {
        return !prefixes.isEmpty();
    }

    /** These prefixes and {@code prefix}; ANY stays ANY (adding to "everything" restricts nothing). */
    public AllowedPrefixes plus(String prefix) {
        if (!restricts()) {
            return this;
        }
        List<String> more = new ArrayList<>(given);
        more.add(prefix);
        return of(more);
    }

    /** Whether a run may read {@code uri}. Malformed URIs and unknown schemes are never allowed when restricted. */
    public boolean allows(String uri) {
        requireNonNull(uri, "uri");
        if (!restricts()) {
            return true;
        }
        try {
            return switch (UriScheme.of(uri)) {
                case S3 -> coversS3(S3Uri.parsePrefix(uri));
                case LOCAL -> coversLocal(LocalLocation.parse(uri).path());
                case UNSUPPORTED -> false;
            };
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private boolean coversS3(S3Uri object) {
        if (hasDotSegment(object.key())) {
            return false;
        }
        return prefixes.stream().anyMatch(p -> p instanceof S3Prefix s3 && s3.covers(object));
    }

    private boolean coversLocal(Path file) {
        Path real = resolved(file.toAbsolutePath().normalize());
        return prefixes.stream().anyMatch(p -> p instanceof LocalPrefix local && real.startsWith(resolved(local.dir())));
    }

    /** The path with symbolic links of its deepest existing ancestor resolved (the rest cannot be a link yet). */
    private static Path resolved(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    private static boolean hasDotSegment(String key) {
        return Arrays.stream(key.split("/", -1)).anyMatch(s -> s.equals(".") || s.equals(".."));
    }

    /** The prefixes as configured, for messages. */
    @Override
    public String toString() {
        return given.toString();
    }

    private sealed interface Prefix permits S3Prefix, LocalPrefix {
    }

    private record S3Prefix(String bucket, String key) implements Prefix {
        boolean covers(S3Uri object) {
            if (!bucket.equals(object.bucket())) {
                return false;
            }
            String k = object.key();
            if (key.isEmpty() || k.equals(key)) {
                return true;
            }
            return key.endsWith("/") ? k.startsWith(key) : k.startsWith(key + "/");
        }
    }

    private record LocalPrefix(Path dir) implements Prefix {
    }
}
