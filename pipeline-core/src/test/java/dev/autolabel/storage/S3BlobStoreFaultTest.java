package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Persistent server faults, from a misbehaving HTTP server on loopback: they must be retried up to
 * max-attempts and then surface as the row's TIMEOUT or IO_ERROR.
 */
class S3BlobStoreFaultTest {

    private static final String ERROR_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Error><Code>InternalError</Code><Message>boom</Message></Error>";

    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    private URI serve(boolean hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (hang) {
                awaitRelease();
            }
            reply500(exchange);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply500(HttpExchange exchange) throws IOException {
        byte[] body = ERROR_XML.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(500, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static S3BlobStore store(URI endpoint, int attempts, Duration attemptTimeout) {
        S3Settings settings = new S3Settings(Optional.of(endpoint), "us-east-1", true, Optional.of("key"),
                Optional.of("secret"), attempts, Duration.ofSeconds(30), attemptTimeout);
        return S3BlobStore.create(new StorageSettings(1024, settings));
    }

    @Test
    void persistentServerErrorIsRetriedThenIoError() throws IOException {
        URI endpoint = serve(false);
        try (S3BlobStore store = store(endpoint, 3, Duration.ofSeconds(10))) {
            LabelingException e = assertThrows(LabelingException.class, () -> store.readAll("s3://b/k.jpg"));

            assertEquals(ErrorCode.IO_ERROR, e.code());
            assertEquals(3, requests.get(), "max-attempts = 3 means three requests");
        }
    }

    @Test
    void hungServerIsTimeoutAfterEachAttemptTimedOut() throws IOException {
        URI endpoint = serve(true);
        try (S3BlobStore store = store(endpoint, 2, Duration.ofMillis(300))) {
            LabelingException e = assertThrows(LabelingException.class, () -> store.readAll("s3://b/k.jpg"));

            assertEquals(ErrorCode.TIMEOUT, e.code());
            assertEquals(2, requests.get(), "each timed-out attempt is retried up to max-attempts");
        }
    }

    @Test
    void refusedConnectionIsIoError() throws IOException {
        URI endpoint = serve(false);
        server.stop(0);
        server = null;
        try (S3BlobStore store = store(endpoint, 2, Duration.ofSeconds(5))) {
            LabelingException e = assertThrows(LabelingException.class, () -> store.readAll("s3://b/k.jpg"));
            assertEquals(ErrorCode.IO_ERROR, e.code());
            assertTrue(e.getMessage().contains("s3://b/k.jpg"), e.getMessage());
        }
    }
}
