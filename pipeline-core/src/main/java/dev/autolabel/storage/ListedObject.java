package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

/** An object as a listing shows it: its URI, size and fingerprint (the ETag on S3), without reading it. */
public record ListedObject(String uri, ObjectInfo info) {

    public ListedObject {
        requireNonNull(uri, "uri");
        requireNonNull(info, "info");
    }
}
