package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Against a real S3-compatible server: objects are fingerprinted by ETag (a GET and a HEAD agree, a rewrite with
 * other content changes it), and every PUT of output carries the configured server-side encryption headers.
 */
class S3FingerprintAndEncryptionTest {

    private static final String BUCKET = "fingerprints";

    private static LoopbackS3Server server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = LoopbackS3Server.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static S3BlobStore store(OutputEncryption encryption, List<ExecutionInterceptor> interceptors) {
        return new S3BlobStore(S3Clients.create(server.settings(), interceptors), 1024, 1000, encryption, 3);
    }

    private static String uri(String key) {
        return "s3://" + BUCKET + "/" + key;
    }

    @Test
    void statAndReadGiveTheSameEtagFingerprintWhichFollowsTheContent() throws Exception {
        try (S3BlobStore store = store(OutputEncryption.NONE, List.of())) {
            store.write(uri("img/a b.jpg"), bytes("pixels"));

            ObjectInfo info = store.stat(uri("img/a b.jpg"));
            Blob blob = store.read(uri("img/a b.jpg"));

            assertEquals(6, info.size());
            assertTrue(info.fingerprint().startsWith("etag:"), info.fingerprint());
            assertEquals(info.fingerprint(), blob.fingerprint(), "the ranged GET reports the object's ETag");
            assertArrayEquals(bytes("pixels"), blob.bytes());

            store.write(uri("img/a b.jpg"), bytes("pixels"));
            assertEquals(info, store.stat(uri("img/a b.jpg")), "the same content rewritten keeps its ETag");
            store.write(uri("img/a b.jpg"), bytes("other!"));
            assertNotEquals(info.fingerprint(), store.stat(uri("img/a b.jpg")).fingerprint());
        }
    }

    @Test
    void statOfAMissingObjectIsNotFound() {
        try (S3BlobStore store = store(OutputEncryption.NONE, List.of())) {
            assertEquals(ErrorCode.NOT_FOUND,
                    assertThrows(LabelingException.class, () -> store.stat(uri("no/such.jpg"))).code());
        }
    }

    @Test
    void everyPutOfOutputAsksForTheConfiguredEncryption() throws Exception {
        Headers headers = new Headers();
        Path shard = Files.writeString(dir.resolve("part-00000.parquet"), "shard bytes");
        try (S3BlobStore store = store(new OutputEncryption(Optional.of("AES256"), Optional.empty()), List.of(headers))) {
            store.write(uri("runs/r1/run.json"), bytes("{}"));
            store.upload(shard, uri("runs/r1/part-00000.parquet"));
            assertArrayEquals(bytes("shard bytes"), store.readAll(uri("runs/r1/part-00000.parquet")));
        }
        List<Map<String, String>> puts = headers.of("PutObject");
        assertEquals(2, puts.size());
        for (Map<String, String> put : puts) {
            assertEquals("AES256", put.get("x-amz-server-side-encryption"), put.toString());
        }
    }

    @Test
    void kmsEncryptionSendsTheKeyIdAndNoEncryptionSendsNoHeader() throws Exception {
        Headers headers = new Headers();
        String key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        try (S3BlobStore kms = store(new OutputEncryption(Optional.of("aws:kms"), Optional.of(key)), List.of(headers));
                S3BlobStore plain = store(OutputEncryption.NONE, List.of(headers))) {
            try {
                kms.write(uri("runs/r2/run.json"), bytes("{}"));
            } catch (IOException serverWithoutKms) {
                // A test server has no KMS and may refuse the request; what matters is what was sent.
            }
            plain.write(uri("runs/r3/run.json"), bytes("{}"));
        }
        List<Map<String, String>> puts = headers.of("PutObject");
        assertTrue(puts.size() >= 2, puts.toString());
        Map<String, String> first = puts.get(0);
        assertEquals("aws:kms", first.get("x-amz-server-side-encryption"));
        assertEquals(key, first.get("x-amz-server-side-encryption-aws-kms-key-id"));
        Map<String, String> last = puts.get(puts.size() - 1);
        assertTrue(!last.containsKey("x-amz-server-side-encryption"), last.toString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The encryption headers of every request as it is about to be sent. */
    private static final class Headers implements ExecutionInterceptor {

        private record Sent(String operation, Map<String, String> headers) {
        }

        private final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            Map<String, String> encryption = new java.util.TreeMap<>();
            context.httpRequest().headers().forEach((name, values) -> {
                if (name.toLowerCase().startsWith("x-amz-server-side-encryption")) {
                    encryption.put(name.toLowerCase(), values.get(0));
                }
            });
            sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), encryption));
        }

        List<Map<String, String>> of(String operation) {
            return sent.stream().filter(s -> s.operation().equals(operation)).map(Sent::headers).toList();
        }
    }
}
