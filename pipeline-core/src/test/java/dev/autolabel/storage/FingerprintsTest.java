package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fingerprints of many objects from listings on a real S3-compatible server: the same ETags a HEAD gives, one
 * listing request per 1,000 consecutive keys when asked in key order (never a HEAD), nothing for missing keys, and
 * correct answers in any order; local files are stat'ed.
 */
class FingerprintsTest {

    private static final String BUCKET = "listed";
    private static final int OBJECTS = 2500;
    private static LoopbackS3Server server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = LoopbackS3Server.start();
        server.createBucket(BUCKET);
        try (S3Client client = server.newClient()) {
            for (int i = 0; i < OBJECTS; i++) {
                String key = key(i);
                client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("object " + key));
            }
            client.putObject(b -> b.bucket(BUCKET).key("img/folder/"), RequestBody.fromString(""));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void keysInOrderCostOneListingPerThousandAndAgreeWithHead() throws IOException, LabelingException {
        AtomicInteger heads = new AtomicInteger();
        AtomicInteger lists = new AtomicInteger();
        try (S3BlobStore store = counting(heads, lists)) {
            Fingerprints fingerprints = new Fingerprints(store);
            List<Optional<String>> found = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i += 2) { // every other key, in key order
                found.add(fingerprints.of(uri(key(i))));
            }
            found.add(fingerprints.of(uri("img/9999999.jpg")));
            assertEquals(0, heads.get(), "no HEAD");
            assertTrue(lists.get() >= 3 && lists.get() <= 4, "2,500 keys in pages of 1,000: " + lists.get());
            assertEquals(lists.get(), fingerprints.listings());
            assertEquals(Optional.empty(), found.get(found.size() - 1), "a missing key has no fingerprint");
            for (int i = 0; i < OBJECTS; i += 250) {
                assertEquals(Optional.of(store.stat(uri(key(i))).fingerprint()), found.get(i / 2), key(i));
            }
        }
    }

    @Test
    void anyOrderGivesTheSameAnswersAndLocalFilesAreStated() throws IOException, LabelingException {
        try (S3BlobStore s3 = counting(new AtomicInteger(), new AtomicInteger());
                BlobStore store = BlobStores.create(server.storageSettings(1 << 20))) {
            Fingerprints fingerprints = new Fingerprints(store);
            for (int i : new int[] {2400, 3, 1999, 1000, 999, 0, 2499}) {
                assertEquals(Optional.of(s3.stat(uri(key(i))).fingerprint()), fingerprints.of(uri(key(i))), key(i));
            }
            assertEquals(Optional.empty(), fingerprints.of(uri("img/folder/")), "a folder marker is no object");
            Path file = Files.writeString(dir.resolve("a.jpg"), "local", StandardCharsets.UTF_8);
            assertEquals(Optional.of(store.stat(file.toString()).fingerprint()), fingerprints.of(file.toString()));
            assertEquals(Optional.empty(), fingerprints.of(dir.resolve("missing.jpg").toString()));
        }
    }

    @Test
    void justBeforeSortsImmediatelyBeforeTheKey() {
        assertEquals(Optional.empty(), S3BlobStore.justBefore(""));
        String before = S3BlobStore.justBefore("img/0001.jpg").orElseThrow();
        assertTrue(before.compareTo("img/0001.jpg") < 0 && before.compareTo("img/0001.jp") > 0, before);
        assertEquals(Optional.of("a"), S3BlobStore.justBefore("a\u0000"));
    }

    private static S3BlobStore counting(AtomicInteger heads, AtomicInteger lists) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String request = context.request().getClass().getSimpleName();
                if (request.startsWith("HeadObject")) {
                    heads.incrementAndGet();
                } else if (request.startsWith("ListObjectsV2")) {
                    lists.incrementAndGet();
                }
            }
        };
        return new S3BlobStore(S3Clients.create(server.settings(), List.of(counter)), 1 << 20, 1000);
    }

    private static String key(int i) {
        return String.format("img/%07d.jpg", i);
    }

    private static String uri(String key) {
        return "s3://" + BUCKET + "/" + key;
    }
}
