package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current content fingerprints of many objects, as an incremental run needs them, without a request per
 * object on S3: asked for URIs in ascending order (as Spark sorts strings: UTF-8 byte order, which is S3's key
 * order), it lists 1,000 keys at a time from the first key not yet covered and answers the following URIs from that
 * page, so a dense run of keys costs one request per 1,000 objects and a sparse one at most one per URI. Local files
 * are stat'ed (no request). Any order gives correct answers; ascending order gives few requests. Not thread-safe.
 */
public final class Fingerprints {

    /** Keys per listing request: S3's maximum. */
    public static final int PAGE = 1000;

    private final BlobStore store;
    private Page page;
    private long listings;

    public Fingerprints(BlobStore store) {
        this.store = requireNonNull(store, "store");
    }

    /** A listing page and the key range it covers: from {@code from} to its last key, or on when not truncated. */
    private record Page(String bucket, byte[] from, byte[] last, boolean truncated, Map<String, String> byUri) {

        boolean covers(S3Uri uri) {
            byte[] key = bytes(uri.key());
            return uri.bucket().equals(bucket) && Arrays.compareUnsigned(key, from) >= 0
                    && (!truncated || Arrays.compareUnsigned(key, last) <= 0);
        }
    }

    /**
     * The object's fingerprint, or empty when it does not exist or cannot be stat'ed (the row is then labeled, and
     * its read records the fault).
     */
    public Optional<String> of(String uri) throws IOException {
        requireNonNull(uri, "uri");
        return switch (UriScheme.of(uri)) {
            case S3 -> listed(uri);
            case LOCAL -> stat(uri);
            case UNSUPPORTED -> Optional.empty();
        };
    }

    /** Listing requests made so far. */
    public long listings() {
        return listings;
    }

    private Optional<String> listed(String uri) throws IOException {
        S3Uri object;
        try {
            object = S3Uri.parse(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (page == null || !page.covers(object)) {
            Optional<ObjectPage> listed = store.listFrom(uri, PAGE);
            if (listed.isEmpty()) {
                return stat(uri);
            }
            listings++;
            page = page(object, listed.get());
        }
        return Optional.ofNullable(page.byUri().get(object.uri()));
    }

    private static Page page(S3Uri from, ObjectPage listed) {
        Map<String, String> byUri = new HashMap<>();
        List<ListedObject> objects = listed.objects();
        objects.forEach(o -> byUri.put(o.uri(), o.info().fingerprint()));
        byte[] last = objects.isEmpty() ? bytes(from.key()) : bytes(S3Uri.parse(objects.get(objects.size() - 1).uri()).key());
        return new Page(from.bucket(), bytes(from.key()), last, listed.truncated(), byUri);
    }

    private Optional<String> stat(String uri) {
        try {
            return Optional.of(store.stat(uri).fingerprint());
        } catch (LabelingException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
