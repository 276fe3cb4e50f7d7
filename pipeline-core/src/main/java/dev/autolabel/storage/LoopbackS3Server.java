package dev.autolabel.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests and the benchmark: S3Proxy with in-memory storage, run as a separate JVM
 * ({@code java -jar}; in-process it clashes with Spark's servlet API), listening on 127.0.0.1 only and
 * checking AWS v2/v4 signatures against fixed test credentials. The jar path comes from the system property
 * {@value #JAR_PROPERTY}, which pipeline-core's pom sets for Surefire.
 */
public final class LoopbackS3Server implements AutoCloseable {

    public static final String JAR_PROPERTY = "autolabel.s3proxy.jar";
    public static final String ACCESS_KEY = "autolabel-test-access";
    public static final String SECRET_KEY = "autolabel-test-secret";
    public static final String REGION = "us-east-1";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_TRIES = 3;
    private static final String DEFAULT_HEAP = "256m";

    private final Process process;
    private final URI endpoint;
    private final Path workDir;
    private final Thread shutdownHook;

    private LoopbackS3Server(Process process, URI endpoint, Path workDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.workDir = workDir;
        this.shutdownHook = new Thread(process::destroyForcibly, "s3proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server from the jar named by {@value #JAR_PROPERTY} (set by the poms for tests). */
    public static LoopbackS3Server start() throws IOException {
        return start(jar());
    }

    /** Starts a server on a free loopback port and returns once it answers HTTP requests. */
    public static LoopbackS3Server start(Path jar) throws IOException {
        return start(jar, DEFAULT_HEAP);
    }

    /**
     * As {@link #start(Path)}, with {@code maxHeap} (e.g. "4g") for the server JVM: it keeps every object in memory,
     * so a million small images need a few GB.
     */
    public static LoopbackS3Server start(Path jar, String maxHeap) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("S3Proxy jar " + jar + " is not a file: build with 'mvn package' (or"
                    + " 'mvn generate-test-resources'; it copies org.gaul:s3proxy:jar-with-dependencies under target/s3proxy/)");
        }
        Path workDir = Files.createTempDirectory("s3proxy-");
        IOException last = null;
        // The free port is found by binding and releasing it; another process may grab it meanwhile: retry.
        for (int attempt = 1; attempt <= START_TRIES; attempt++) {
            int port = freeLoopbackPort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Process process = launch(jar, workDir, endpoint, maxHeap);
            try {
                awaitReady(process, endpoint, workDir);
                return new LoopbackS3Server(process, endpoint, workDir);
            } catch (IOException e) {
                stop(process);
                last = e;
            }
        }
        deleteRecursively(workDir);
        throw last;
    }

    private static Path jar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("system property " + JAR_PROPERTY + " is not set: run the tests through Maven"
                    + " (pipeline-core's pom copies org.gaul:s3proxy:jar-with-dependencies and sets it)");
        }
        return Path.of(property);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Process launch(Path jar, Path workDir, URI endpoint, String maxHeap) throws IOException {
        Properties props = new Properties();
        props.setProperty("s3proxy.endpoint", endpoint.toString());
        props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        props.setProperty("s3proxy.identity", ACCESS_KEY);
        props.setProperty("s3proxy.credential", SECRET_KEY);
        props.setProperty("jclouds.provider", "transient-nio2");
        props.setProperty("jclouds.identity", ACCESS_KEY);
        props.setProperty("jclouds.credential", SECRET_KEY);
        Path conf = workDir.resolve("s3proxy-" + endpoint.getPort() + ".properties");
        try (Writer out = Files.newBufferedWriter(conf)) {
            props.store(out, "autolabel test S3Proxy");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx" + maxHeap, "-jar", jar.toString(),
                "--properties", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log(workDir, endpoint).toFile())
                .start();
    }

    private static Path log(Path workDir, URI endpoint) {
        return workDir.resolve("s3proxy-" + endpoint.getPort() + ".log");
    }

    /**
     * Ready when its log says its connector started on our port (so the port is ours, not another process's)
     * and it answers an HTTP request (an unsigned one gets 403).
     */
    private static void awaitReady(Process process, URI endpoint, Path workDir) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + " before answering; log:\n"
                        + tail(log(workDir, endpoint)));
            }
            try {
                if (bound(log(workDir, endpoint), endpoint.getPort())) {
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    return;
                }
                sleep(Duration.ofMillis(100));
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for S3Proxy", e);
            }
        }
        throw new IOException("S3Proxy did not answer on " + endpoint + " within " + STARTUP_TIMEOUT + "; log:\n"
                + tail(log(workDir, endpoint)));
    }

    /** Jetty logs "Started ...ServerConnector@...{HTTP/1.1, (http/1.1)}{127.0.0.1:PORT}" once it listens. */
    private static boolean bound(Path log, int port) throws IOException {
        String marker = "127.0.0.1:" + port + "}";
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains("Started") && line.contains("ServerConnector")
                    && line.contains(marker));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for S3Proxy", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Settings that reach this server: path-style, test credentials, 3 attempts, generous deadlines. */
    public S3Settings settings() {
        return settingsWithSecret(SECRET_KEY);
    }

    /** As {@link #settings()} with another secret key (a wrong one makes the server answer 403). */
    public S3Settings settingsWithSecret(String secretKey) {
        return new S3Settings(Optional.of(endpoint), REGION, true, Optional.of(ACCESS_KEY), Optional.of(secretKey), 3,
                Duration.ofSeconds(60), Duration.ofSeconds(20));
    }

    public StorageSettings storageSettings(long maxObjectBytes) {
        return new StorageSettings(maxObjectBytes, settings());
    }

    /** A client for test setup (creating buckets, placing fixtures); the caller closes it. */
    public S3Client newClient() {
        return S3Clients.create(settings());
    }

    /** Creates a bucket (a fresh server has none). */
    public void createBucket(String bucket) {
        try (S3Client client = newClient()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Stops the server process and removes its work directory. */
    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing left to undo.
        }
        deleteRecursively(workDir);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
