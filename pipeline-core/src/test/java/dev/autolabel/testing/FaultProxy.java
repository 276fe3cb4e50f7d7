package dev.autolabel.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A fault-injecting HTTP reverse proxy on 127.0.0.1 in front of an S3-compatible server (for tests): requests
 * pass byte for byte (signatures stay valid), except that at the {@link FaultPlan}'s rates it answers
 * {@code 503 SlowDown} or {@code 500 InternalError} with S3's XML error body, resets the connection halfway
 * through the response, or delays the request; and it refuses or stalls chosen keys every time.
 * <p>
 * Decisions are deterministic for a seed: the n-th request with the same method and target gets the same fate
 * whatever the thread interleaving. Bounded: at most {@value #MAX_CONNECTIONS} connections, idle connections
 * close after a minute, and the proxy closes itself after its lifetime even if a test forgets to.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy can do to a request. */
    public enum Fault {
        /** 503 with S3's SlowDown error: throttling. */
        SLOW_DOWN,
        /** 500 with S3's InternalError error. */
        INTERNAL_ERROR,
        /** The request reaches the server, but the connection is reset halfway through the response. */
        RESET,
        /** The request is held for the plan's delay, then passed on. */
        DELAY,
        /** 403 AccessDenied, for the plan's denied keys, every time. */
        ACCESS_DENIED,
        /** The request is held for the key's stall time (longer than a client waits), for the stalled keys. */
        STALL
    }

    private static final int MAX_CONNECTIONS = 256;
    private static final int IDLE_MILLIS = 60_000;

    private final FaultPlan plan;
    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final ThreadPoolExecutor connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private final Map<String, Integer> consecutive = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    private final AtomicLong requests = new AtomicLong();
    private final Queue<String> log = new ConcurrentLinkedQueue<>();
    private final AtomicLong errorIds = new AtomicLong();
    private volatile boolean closed;

    private FaultProxy(URI upstream, FaultPlan plan, Duration lifetime) throws IOException {
        this.plan = requireNonNull(plan, "plan");
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        if (!this.upstream.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the proxied server must be on loopback, got " + upstream);
        }
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicLong());
        }
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "fault-proxy-connection"));
        daemon(this::acceptLoop, "fault-proxy-accept").start();
        Thread reaper = daemon(() -> closeAfter(lifetime), "fault-proxy-lifetime");
        reaper.start();
    }

    /** A proxy for {@code upstream} (an {@code http://127.0.0.1:port} endpoint) that closes itself after 15 minutes. */
    public static FaultProxy start(URI upstream, FaultPlan plan) throws IOException {
        return start(upstream, plan, Duration.ofMinutes(15));
    }

    public static FaultProxy start(URI upstream, FaultPlan plan, Duration lifetime) throws IOException {
        return new FaultProxy(upstream, plan, lifetime);
    }

    /** {@code http://127.0.0.1:<port>}: use it as the S3 endpoint (path-style). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Requests seen so far. */
    public long requests() {
        return requests.get();
    }

    /** Requests seen so far whose method and target ({@code "GET /bucket/key?query"}) match. */
    public long requests(Predicate<String> methodAndTarget) {
        return log.stream().filter(methodAndTarget).count();
    }

    /** Forgets the requests seen so far (their count in {@link #requests()} stays). */
    public void clearLog() {
        log.clear();
    }

    /** Faults injected so far, by kind. */
    public Map<Fault, Long> injected() {
        Map<Fault, Long> counts = new EnumMap<>(Fault.class);
        injected.forEach((f, n) -> counts.put(f, n.get()));
        return counts;
    }

    /** One line for test logs: requests and faults by kind. */
    public String describe() {
        return requests() + " requests; faults injected: " + injected().entrySet().stream()
                .filter(e -> e.getValue() > 0).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void closeAfter(Duration lifetime) {
        try {
            Thread.sleep(lifetime.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        close();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                try {
                    open.add(client);
                    connections.execute(() -> serve(client));
                } catch (RejectedExecutionException full) {
                    quietClose(client);
                }
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("fault proxy: accept failed: " + e);
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Upstream server = new Upstream(upstream)) {
            client.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (!closed) {
                Optional<RawHttp.Message> request = RawHttp.readRequest(in, out);
                if (request.isEmpty() || !handle(request.get(), client, out, server)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, was reset on purpose, or the proxy is closing: the connection ends.
        } finally {
            open.remove(client);
        }
    }

    /** Answers one request; false when the connection must end. */
    private boolean handle(RawHttp.Message request, Socket client, OutputStream out, Upstream server)
            throws IOException, InterruptedException {
        requests.incrementAndGet();
        log.add(request.method() + " " + request.target());
        String path = path(request.target());
        Optional<Fault> fault = decide(request.method() + " " + request.target(), path);
        fault.ifPresent(f -> injected.get(f).incrementAndGet());
        if (fault.isPresent()) {
            switch (fault.get()) {
                case SLOW_DOWN -> {
                    return replyError(out, request, 503, "SlowDown", "Please reduce your request rate.", path);
                }
                case INTERNAL_ERROR -> {
                    return replyError(out, request, 500, "InternalError", "We encountered an internal error. Please try again.", path);
                }
                case ACCESS_DENIED -> {
                    return replyError(out, request, 403, "AccessDenied", "Access Denied", path);
                }
                case DELAY -> Thread.sleep(plan.delay().toMillis());
                case STALL -> Thread.sleep(plan.stalledKeys().get(path).toMillis());
                case RESET -> {
                    server.exchange(request).ifPresent(response -> resetHalfway(client, out, response));
                    return false;
                }
            }
        }
        Optional<RawHttp.Message> response = server.exchange(request);
        if (response.isEmpty()) {
            return false;
        }
        out.write(response.get().bytes());
        out.flush();
        return RawHttp.framed(response.get(), request.method());
    }

    private synchronized Optional<Fault> decide(String identity, String path) {
        if (plan.deniedKeys().contains(path)) {
            return Optional.of(Fault.ACCESS_DENIED);
        }
        if (plan.stalledKeys().containsKey(path)) {
            return Optional.of(Fault.STALL);
        }
        int n = seen.merge(identity, 1, Integer::sum);
        int streak = consecutive.getOrDefault(identity, 0);
        Optional<Fault> fault = streak >= plan.maxConsecutiveFaults() ? Optional.empty() : plan.draw(identity, n);
        consecutive.put(identity, fault.isPresent() ? streak + 1 : 0);
        return fault;
    }

    private boolean replyError(OutputStream out, RawHttp.Message request, int status, String code, String message,
            String resource) throws IOException {
        String id = String.format("FAULT%011d", errorIds.incrementAndGet());
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><Resource>" + xml(resource) + "</Resource><RequestId>" + id
                + "</RequestId><HostId>fault-proxy</HostId></Error>").getBytes(StandardCharsets.UTF_8);
        boolean head = request.method().equals("HEAD");
        String reason = switch (status) {
            case 403 -> "Forbidden";
            case 500 -> "Internal Server Error";
            default -> "Slow Down";
        };
        String headers = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/xml\r\n"
                + "Content-Length: " + (head ? 0 : body.length) + "\r\nx-amz-request-id: " + id + "\r\nServer: FaultProxy\r\n\r\n";
        out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(body);
        }
        out.flush();
        return true;
    }

    /** Sends the head and half the body (half the head when there is no body), then a TCP reset. */
    private static void resetHalfway(Socket client, OutputStream out, RawHttp.Message response) {
        byte[] all = response.bytes();
        int cut = response.body().length > 0 ? response.head().length + response.body().length / 2 : response.head().length / 2;
        try {
            out.write(all, 0, cut);
            out.flush();
            client.setSoLinger(true, 0);
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded path of a request target: {@code /bucket/key} for path-style S3 requests. */
    private static String path(String target) {
        int query = target.indexOf('?');
        String raw = query < 0 ? target : target.substring(0, query);
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void quietClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting, ends every connection (stalled ones too) and frees the port. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(FaultProxy::quietClose);
        connections.shutdownNow();
    }

    /** The server side of one client connection, opened on first use and reopened if the server closed it. */
    private static final class Upstream implements AutoCloseable {

        private final InetSocketAddress address;
        private Socket socket;
        private InputStream in;
        private boolean used;

        Upstream(InetSocketAddress address) {
            this.address = address;
        }

        Optional<RawHttp.Message> exchange(RawHttp.Message request) throws IOException {
            if (socket != null && used) {
                try {
                    return send(request);
                } catch (SocketException | java.io.EOFException staleConnection) {
                    close();
                }
            }
            return send(request);
        }

        private Optional<RawHttp.Message> send(RawHttp.Message request) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.connect(address, 10_000);
                socket.setSoTimeout(IDLE_MILLIS);
                in = new BufferedInputStream(socket.getInputStream());
                used = false;
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.bytes());
            out.flush();
            Optional<RawHttp.Message> response = RawHttp.readResponse(in, request.method());
            if (response.isEmpty() && used) {
                throw new java.io.EOFException("server closed an idle connection");
            }
            used = true;
            if (response.isPresent() && !RawHttp.framed(response.get(), request.method())) {
                close();
            }
            return response;
        }

        @Override
        public void close() {
            if (socket != null) {
                quietClose(socket);
                socket = null;
            }
        }
    }
}
