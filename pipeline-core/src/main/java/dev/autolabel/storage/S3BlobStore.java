package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in S3 or an S3-compatible store through the AWS SDK v2. Transient faults are retried by the SDK's
 * retry strategy (see {@link S3Clients}); what reaches callers has persisted.
 */
public final class S3BlobStore implements BlobStore {

    static final int DEFAULT_PAGE_SIZE = 1000;

    private final S3Client client;
    private final int maxBytes;
    private final int pageSize;
    private final OutputEncryption encryption;
    private final int maxAttempts;

    /** A store with its own client built from {@code settings}; {@link #close()} closes it. */
    public static S3BlobStore create(StorageSettings settings) {
        return new S3BlobStore(S3Clients.create(settings.s3()), settings.maxObjectBytes(), DEFAULT_PAGE_SIZE,
                settings.s3().encryption(), settings.s3().maxAttempts());
    }

    /** Takes ownership of {@code client}; {@code pageSize} is the ListObjectsV2 page size (1..1000). */
    S3BlobStore(S3Client client, long maxObjectBytes, int pageSize) {
        this(client, maxObjectBytes, pageSize, OutputEncryption.NONE, 3);
    }

    /**
     * As above, asking for {@code encryption} on every object written; {@code maxAttempts} bounds the resumptions
     * of a stream from {@link #open} that keeps failing.
     */
    S3BlobStore(S3Client client, long maxObjectBytes, int pageSize, OutputEncryption encryption, int maxAttempts) {
        this.client = requireNonNull(client, "client");
        this.maxAttempts = maxAttempts;
        this.maxBytes = ReadLimit.cap(maxObjectBytes);
        if (pageSize < 1 || pageSize > DEFAULT_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be in 1..1000, got " + pageSize);
        }
        this.pageSize = pageSize;
        this.encryption = requireNonNull(encryption, "encryption");
    }

    /**
     * What a bounded GET saw: the object's total size, its ETag and at most {@code maxBytes + 1} of its bytes.
     */
    private record Body(long totalSize, Optional<String> etag, Optional<Instant> lastModified, byte[] bytes) {
    }

    /**
     * One ranged GET for the first {@code maxBytes + 1} bytes: the reply's Content-Range carries the object's
     * size, so an oversized object is refused before its body is read, and the server never sends more than
     * the limit anyway. Body read failures are retried like request failures.
     */
    @Override
    public byte[] readAll(String uri) throws LabelingException {
        return read(uri).bytes();
    }

    /** As {@link #readAll}; the fingerprint is the ETag of the very GET that returned the bytes. */
    @Override
    public Blob read(String uri) throws LabelingException {
        S3Uri object = parseForRead(uri);
        GetObjectRequest request = GetObjectRequest.builder().bucket(object.bucket()).key(object.key())
                .range("bytes=0-" + maxBytes).build();
        Body body;
        try {
            body = client.getObject(request, this::boundedBody);
        } catch (SdkException e) {
            throw S3Errors.labeling(uri, e);
        }
        long size = Math.max(body.totalSize(), body.bytes().length);
        ReadLimit.check(uri, size, maxBytes);
        return new Blob(body.bytes(), info(uri, size, body.etag(), body.lastModified()).fingerprint());
    }

    /** One HEAD request: size and ETag. */
    @Override
    public ObjectInfo stat(String uri) throws LabelingException {
        S3Uri object = parseForRead(uri);
        HeadObjectResponse head;
        try {
            head = client.headObject(b -> b.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw S3Errors.labeling(uri, e);
        }
        return info(uri, head.contentLength() == null ? 0 : head.contentLength(), nonBlank(head.eTag()),
                Optional.ofNullable(head.lastModified()));
    }

    /** The ETag identifies the content; a store that sends none is fingerprinted by size and Last-Modified. */
    private static ObjectInfo info(String uri, long size, Optional<String> etag, Optional<Instant> lastModified)
            throws LabelingException {
        if (etag.isPresent()) {
            return ObjectInfo.ofEtag(size, etag.get());
        }
        return ObjectInfo.ofFile(size, lastModified.orElseThrow(() -> new LabelingException(ErrorCode.IO_ERROR,
                "the store sent neither ETag nor Last-Modified for " + uri)));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private Body boundedBody(GetObjectResponse response, AbortableInputStream in) {
        long total = totalSize(response);
        Optional<String> etag = nonBlank(response.eTag());
        Optional<Instant> modified = Optional.ofNullable(response.lastModified());
        if (total > maxBytes) {
            in.abort(); // drop the connection instead of draining the rest of the range
            return new Body(total, etag, modified, new byte[0]);
        }
        try {
            return new Body(total, etag, modified, in.readNBytes(maxBytes + 1));
        } catch (IOException e) {
            throw RetryableException.create("reading the object body failed: " + e, e);
        }
    }

    /** The object's size from Content-Range ("bytes 0-9/12345"), else Content-Length (a server ignoring Range). */
    private static long totalSize(GetObjectResponse response) {
        String range = response.contentRange();
        if (range != null) {
            String total = range.substring(range.lastIndexOf('/') + 1).trim();
            if (!total.equals("*")) {
                return Long.parseLong(total);
            }
        }
        return response.contentLength() == null ? -1 : response.contentLength();
    }

    private static S3Uri parseForRead(String uri) throws LabelingException {
        try {
            return S3Uri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new LabelingException(ErrorCode.INVALID_URI, e.getMessage(), e);
        }
    }

    /** A stream that resumes with a ranged GET where a dropped connection left off. */
    @Override
    public InputStream open(String uri) throws IOException {
        S3Uri object = S3Uri.parse(uri);
        try {
            return ResumingObjectStream.open(client, object, maxAttempts);
        } catch (SdkException e) {
            throw S3Errors.io(uri, e);
        }
    }

    @Override
    public void write(String uri, byte[] bytes) throws IOException {
        put(uri, RequestBody.fromBytes(bytes));
    }

    /** A single PUT streamed from the file (objects up to 5 GB: shards and reports, not bulk data). */
    @Override
    public void upload(Path localFile, String uri) throws IOException {
        if (!Files.isRegularFile(localFile)) {
            throw new NoSuchFileException(localFile.toString(), null, "not a regular file");
        }
        put(uri, RequestBody.fromFile(localFile));
    }

    private void put(String uri, RequestBody body) throws IOException {
        S3Uri object = S3Uri.parse(uri);
        try {
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(object.bucket()).key(object.key());
            encryption.algorithm().ifPresent(request::serverSideEncryption);
            encryption.kmsKeyId().ifPresent(request::ssekmsKeyId);
            client.putObject(request.build(), body);
        } catch (SdkException e) {
            throw S3Errors.io(uri, e);
        }
    }

    @Override
    public void download(String uri, Path localFile) throws IOException {
        S3Uri object = S3Uri.parse(uri);
        try {
            AtomicFiles.replace(localFile, temp -> client.getObject(b -> b.bucket(object.bucket()).key(object.key()),
                    (response, in) -> copyRetryable(response, in, temp)));
        } catch (SdkException e) {
            throw S3Errors.io(uri, e);
        }
    }

    private static GetObjectResponse copyRetryable(GetObjectResponse response, InputStream in, Path temp) {
        try {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            return response;
        } catch (IOException e) {
            throw RetryableException.create("writing the download to " + temp + " failed: " + e, e);
        }
    }

    @Override
    public boolean exists(String uri) throws IOException {
        S3Uri object = S3Uri.parse(uri);
        try {
            client.headObject(b -> b.bucket(object.bucket()).key(object.key()));
            return true;
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return false;
            }
            throw S3Errors.io(uri, e);
        }
    }

    /**
     * All keys under the prefix, page by page. Keys ending in '/' are "folder" markers made by consoles, not
     * objects, and are skipped (a local listing likewise skips directories).
     */
    @Override
    public List<String> list(String prefixUri) throws IOException {
        S3Uri prefix = S3Uri.parsePrefix(prefixUri);
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(prefix.bucket()).prefix(prefix.key())
                .maxKeys(pageSize).build();
        try {
            return client.listObjectsV2Paginator(request).contents().stream()
                    .map(S3Object::key)
                    .filter(key -> !key.endsWith("/"))
                    .map(key -> prefix.withKey(key).uri())
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw S3Errors.io(prefixUri, e);
        }
    }

    /**
     * One ListObjectsV2 request starting just before the key (StartAfter is exclusive, so it names a key that sorts
     * immediately before this one), keeping the objects from the key on. Folder markers are skipped.
     */
    @Override
    public Optional<ObjectPage> listFrom(String uri, int max) throws IOException {
        S3Uri from = S3Uri.parsePrefix(uri);
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(from.bucket())
                .maxKeys(Math.max(1, Math.min(max, DEFAULT_PAGE_SIZE)));
        justBefore(from.key()).ifPresent(request::startAfter);
        try {
            ListObjectsV2Response page = client.listObjectsV2(request.build());
            List<ListedObject> objects = new ArrayList<>(page.contents().size());
            byte[] fromKey = from.key().getBytes(StandardCharsets.UTF_8);
            for (S3Object o : page.contents()) {
                if (!o.key().endsWith("/") && Arrays.compareUnsigned(o.key().getBytes(StandardCharsets.UTF_8), fromKey) >= 0) {
                    objects.add(new ListedObject(from.withKey(o.key()).uri(), info(from.withKey(o.key()).uri(),
                            o.size() == null ? 0 : o.size(), nonBlank(o.eTag()), Optional.ofNullable(o.lastModified()))));
                }
            }
            return Optional.of(new ObjectPage(objects, Boolean.TRUE.equals(page.isTruncated())));
        } catch (SdkException e) {
            throw S3Errors.io(uri, e);
        } catch (LabelingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * A key that sorts just before {@code key} (no real key lies between them): its last character one lower,
     * followed by the highest code point. Empty for the empty key (list from the bucket's start).
     */
    static Optional<String> justBefore(String key) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        char last = key.charAt(key.length() - 1);
        String head = key.substring(0, key.length() - 1);
        if (last == 0 || Character.isSurrogate(last)) {
            return head.isEmpty() ? Optional.empty() : Optional.of(head);
        }
        return Optional.of(head + (char) (last - 1) + "\uDBFF\uDFFF");
    }

    @Override
    public void delete(String uri) throws IOException {
        S3Uri object = S3Uri.parse(uri);
        try {
            client.deleteObject(b -> b.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw S3Errors.io(uri, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
