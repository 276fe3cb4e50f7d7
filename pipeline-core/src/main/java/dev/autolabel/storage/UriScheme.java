package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** Which store a URI belongs to. Anything without a {@code scheme://} prefix is a local path. */
public enum UriScheme {
    S3,
    LOCAL,
    UNSUPPORTED;

    private static final Pattern OTHER_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

    public static UriScheme of(String uri) {
        requireNonNull(uri, "uri");
        if (uri.regionMatches(true, 0, "s3:", 0, 3)) {
            return S3;
        }
        if (uri.regionMatches(true, 0, "file:", 0, 5)) {
            return LOCAL;
        }
        // A colon alone is no scheme: "a:b.jpg" is a legal file name, only "x://" names another store.
        return OTHER_SCHEME.matcher(uri).lookingAt() ? UNSUPPORTED : LOCAL;
    }

    static String unsupportedMessage(String uri) {
        return "unsupported URI scheme in '" + uri + "': only s3://, file:// and plain local paths are readable";
    }
}
