package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

/** Entry point for storage: one {@link BlobStore} for all URI forms a run may meet. */
public final class BlobStores {

    private BlobStores() {
    }

    /**
     * A store for {@code s3://} URIs (client made on first use), {@code file:} URIs and plain local paths.
     * Any other scheme fails: {@code readAll} with INVALID_URI, the other methods with IllegalArgumentException.
     * Reads outside {@code settings.allowedPrefixes()} are refused (see {@link RoutingBlobStore}).
     * Share one per JVM; {@link BlobStore#close()} closes the S3 client if one was made.
     */
    public static BlobStore create(StorageSettings settings) {
        requireNonNull(settings, "settings");
        return new RoutingBlobStore(new LocalBlobStore(settings.maxObjectBytes()), () -> S3BlobStore.create(settings),
                settings.allowedPrefixes());
    }
}
