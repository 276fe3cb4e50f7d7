package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import dev.autolabel.testing.FaultPlan;
import dev.autolabel.testing.FaultProxy;
import dev.autolabel.testing.FaultProxy.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault proxy in front of a real S3-compatible server, through the real SDK: requests pass with valid
 * signatures, each fault kind is injected and retried (or, for 403 and stalls, reported with its row error
 * code), and the same seed gives the same faults.
 */
class FaultProxyTest {

    private static final String BUCKET = "faults";
    private static final byte[] OBJECT = new byte[200_000];

    private static LoopbackS3Server s3;

    @BeforeAll
    static void start() throws IOException {
        new Random(7).nextBytes(OBJECT);
        s3 = LoopbackS3Server.start();
        s3.createBucket(BUCKET);
        try (S3BlobStore store = S3BlobStore.create(s3.storageSettings(1 << 20))) {
            store.write("s3://faults/object.bin", OBJECT);
            store.write("s3://faults/with space/ünï 日本.bin", OBJECT);
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static S3BlobStore through(FaultProxy proxy, int attempts, Duration attemptTimeout) {
        S3Settings settings = new S3Settings(Optional.of(proxy.endpoint()), LoopbackS3Server.REGION, true,
                Optional.of(s3.accessKey()), Optional.of(s3.secretKey()), attempts, Duration.ofSeconds(60), attemptTimeout);
        return S3BlobStore.create(new StorageSettings(1 << 20, settings));
    }

    @Test
    void aCleanProxyPassesSignedRequestsUnchanged() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), FaultPlan.clean(1));
                S3BlobStore store = through(proxy, 1, Duration.ofSeconds(10))) {
            assertArrayEquals(OBJECT, store.readAll("s3://faults/object.bin"));
            assertArrayEquals(OBJECT, store.readAll("s3://faults/with space/ünï 日本.bin"));
            store.write("s3://faults/written.bin", new byte[] {1, 2, 3});
            assertTrue(store.exists("s3://faults/written.bin"));
            assertEquals(4, proxy.requests());
            assertEquals(0, proxy.injected().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void everyRandomFaultKindIsRetriedThrough() throws Exception {
        for (Fault fault : new Fault[] {Fault.SLOW_DOWN, Fault.INTERNAL_ERROR, Fault.RESET, Fault.DELAY}) {
            FaultPlan always = FaultPlan.clean(3).withRate(fault, 1.0).withMaxConsecutiveFaults(2);
            try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), always);
                    S3BlobStore store = through(proxy, 3, Duration.ofSeconds(10))) {
                assertArrayEquals(OBJECT, store.readAll("s3://faults/object.bin"), fault + ": bytes intact");
                store.write("s3://faults/put-" + fault + ".bin", OBJECT);
                assertTrue(store.exists("s3://faults/put-" + fault + ".bin"), fault.toString());
                // A delay is no failure: each request is held once and then answered. Other faults cost attempts.
                int faultsEach = fault == Fault.DELAY ? 1 : 2;
                assertEquals(3 * faultsEach, proxy.injected().get(fault), fault + ": " + proxy.describe());
                assertEquals(fault == Fault.DELAY ? 3 : 9, proxy.requests(), fault + ": attempts for three requests");
            }
        }
    }

    @Test
    void moreConsecutiveFaultsThanAttemptsFailTheRead() throws Exception {
        FaultPlan plan = FaultPlan.clean(3).withRate(Fault.INTERNAL_ERROR, 1.0).withMaxConsecutiveFaults(5);
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), plan);
                S3BlobStore store = through(proxy, 3, Duration.ofSeconds(10))) {
            LabelingException e = assertThrows(LabelingException.class, () -> store.readAll("s3://faults/object.bin"));
            assertEquals(ErrorCode.IO_ERROR, e.code());
            assertEquals(3, proxy.injected().get(Fault.INTERNAL_ERROR));
        }
    }

    @Test
    void aStreamResetHalfwayResumesWhereItStopped() throws Exception {
        FaultPlan plan = FaultPlan.clean(5).withRate(Fault.RESET, 1.0).withMaxConsecutiveFaults(1);
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), plan);
                S3BlobStore store = through(proxy, 3, Duration.ofSeconds(10));
                InputStream in = store.open("s3://faults/object.bin")) {
            assertArrayEquals(OBJECT, in.readAllBytes());
            assertTrue(proxy.injected().get(Fault.RESET) >= 1, proxy.describe());
        }
    }

    @Test
    void aStreamWhoseObjectWasReplacedMeanwhileFailsInsteadOfSplicing() throws Exception {
        FaultPlan plan = FaultPlan.clean(5).withRate(Fault.RESET, 1.0).withMaxConsecutiveFaults(1);
        try (S3BlobStore direct = S3BlobStore.create(s3.storageSettings(1 << 20))) {
            direct.write("s3://faults/replaced.bin", OBJECT);
            try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), plan);
                    S3BlobStore store = through(proxy, 3, Duration.ofSeconds(10));
                    InputStream in = store.open("s3://faults/replaced.bin")) {
                direct.write("s3://faults/replaced.bin", new byte[OBJECT.length]);
                IOException e = assertThrows(IOException.class, in::readAllBytes);
                assertTrue(e.getMessage().contains("s3://faults/replaced.bin"), e.getMessage());
            }
        }
    }

    @Test
    void deniedAndStalledKeysGetTheirRowErrorCodes() throws Exception {
        FaultPlan plan = FaultPlan.clean(1).denying("faults/with space/ünï 日本.bin")
                .stalling("faults/object.bin", Duration.ofSeconds(5));
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), plan);
                S3BlobStore store = through(proxy, 2, Duration.ofMillis(500))) {
            LabelingException denied = assertThrows(LabelingException.class,
                    () -> store.readAll("s3://faults/with space/ünï 日本.bin"));
            assertEquals(ErrorCode.ACCESS_DENIED, denied.code());
            LabelingException stalled = assertThrows(LabelingException.class, () -> store.readAll("s3://faults/object.bin"));
            assertEquals(ErrorCode.TIMEOUT, stalled.code());
            assertEquals(Map.of(Fault.ACCESS_DENIED, 1L, Fault.STALL, 2L),
                    Map.of(Fault.ACCESS_DENIED, proxy.injected().get(Fault.ACCESS_DENIED), Fault.STALL,
                            proxy.injected().get(Fault.STALL)), "403 is not retried; each timed-out attempt is");
        }
    }

    @Test
    void theSameSeedInjectsTheSameFaults() throws Exception {
        FaultPlan plan = FaultPlan.clean(11).withRate(Fault.SLOW_DOWN, 0.1).withRate(Fault.INTERNAL_ERROR, 0.1)
                .withRate(Fault.RESET, 0.1).withDelay(Duration.ofMillis(10)).withRate(Fault.DELAY, 0.1);
        Map<Fault, Long> first = faultsFor(plan);
        assertEquals(first, faultsFor(plan));
        assertTrue(first.values().stream().mapToLong(Long::longValue).sum() > 0, "some faults: " + first);
        FaultPlan otherSeed = new FaultPlan(12, plan.rates(), plan.delay(), plan.maxConsecutiveFaults(), plan.deniedKeys(),
                plan.stalledKeys());
        assertTrue(!first.equals(faultsFor(otherSeed)), "another seed, other faults");
    }

    private static Map<Fault, Long> faultsFor(FaultPlan plan) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), plan);
                S3BlobStore store = through(proxy, 4, Duration.ofSeconds(10))) {
            for (int i = 0; i < 10; i++) {
                store.write("s3://faults/seeded-" + i + ".bin", new byte[] {(byte) i});
                assertArrayEquals(new byte[] {(byte) i}, store.readAll("s3://faults/seeded-" + i + ".bin"));
            }
            return proxy.injected();
        }
    }
}
