package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.ManifestSettings;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens the configured manifest through a {@link BlobStore}. */
public final class Manifests {

    private static final int GZIP_BUFFER_BYTES = 64 * 1024;

    private Manifests() {
    }

    /**
     * A streaming reader over {@code settings.uri()} (local path, file:// or s3://), gunzipped when the name ends
     * with .gz, in the configured format ({@code auto}: by extension, see {@link ManifestFormat#detect}).
     *
     * @throws IllegalArgumentException when no manifest URI is set, or a CSV header lacks the URI column
     * @throws IOException when the manifest cannot be opened (missing, not gzip although named .gz)
     */
    public static ManifestReader open(BlobStore store, ManifestSettings settings) throws IOException {
        requireNonNull(store, "store");
        String uri = settings.uri().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "autolabel.manifest.uri is not set: give the manifest's local path, file:// or s3:// URI"
                        + " (or set AUTOLABEL_MANIFEST)"));
        ManifestFormat format = ManifestFormat.resolve(settings.format(), uri);
        ManifestFields fields = ManifestFields.of(settings);
        InputStream raw = store.open(uri);
        InputStream in;
        try {
            in = ManifestFormat.isGzipped(uri) ? new GZIPInputStream(raw, GZIP_BUFFER_BYTES) : raw;
        } catch (IOException e) {
            closeAfterFailure(raw, e);
            throw new IOException("manifest " + uri + " is named .gz but is not gzip data: " + e.getMessage(), e);
        }
        return ManifestReader.open(in, uri, format, fields);
    }

    private static void closeAfterFailure(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
