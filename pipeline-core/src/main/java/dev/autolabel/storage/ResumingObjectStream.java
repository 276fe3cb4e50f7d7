package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object's body that survives dropped connections. The SDK retries a request until its response starts; a
 * connection lost while the caller streams the body (a large manifest, read for minutes) would end the read.
 * Here a failed read fetches the rest again with a ranged GET from the current position, pinned to the first
 * response's ETag ({@code If-Match}) so a replaced object fails instead of splicing two versions. Up to
 * {@code maxAttempts} failures in a row without progress are tolerated.
 */
final class ResumingObjectStream extends InputStream {

    private final S3Client client;
    private final S3Uri object;
    private final int maxAttempts;
    private final String etag;
    private final long length;
    private ResponseInputStream<GetObjectResponse> current;
    private long position;
    private int failuresWithoutProgress;

    private ResumingObjectStream(S3Client client, S3Uri object, int maxAttempts, ResponseInputStream<GetObjectResponse> first) {
        this.client = client;
        this.object = object;
        this.maxAttempts = maxAttempts;
        this.current = first;
        this.etag = first.response().eTag();
        Long contentLength = first.response().contentLength();
        this.length = contentLength == null ? -1 : contentLength;
    }

    /** Starts the GET (retried by the SDK until the response starts). */
    static ResumingObjectStream open(S3Client client, S3Uri object, int maxAttempts) {
        requireNonNull(client, "client");
        requireNonNull(object, "object");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        return new ResumingObjectStream(client, object, maxAttempts,
                client.getObject(b -> b.bucket(object.bucket()).key(object.key())));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        while (true) {
            try {
                int n = current.read(buffer, offset, count);
                if (n > 0) {
                    position += n;
                    failuresWithoutProgress = 0;
                }
                return n;
            } catch (IOException e) {
                resume(e);
            }
        }
    }

    private void resume(IOException failure) throws IOException {
        if (++failuresWithoutProgress >= maxAttempts || etag == null || length < 0) {
            throw failure;
        }
        current.abort();
        if (position >= length) {
            current = new ResponseInputStream<>(current.response(), InputStream.nullInputStream());
            return;
        }
        try {
            current = client.getObject(b -> b.bucket(object.bucket()).key(object.key())
                    .range("bytes=" + position + "-").ifMatch(etag));
        } catch (SdkException e) {
            IOException io = S3Errors.io(object.uri(), e);
            io.addSuppressed(failure);
            throw io;
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
