package dev.autolabel.testing;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 messages as raw bytes, read just far enough to know where each ends (Content-Length, chunked, or no
 * body), so a proxy can pass them on byte for byte: request signatures cover the Host header and must survive.
 */
final class RawHttp {

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 256 * 1024 * 1024;

    private RawHttp() {
    }

    /** One message: its start line, header lines, the head's exact bytes (with the blank line) and its body. */
    record Message(String startLine, List<String> headers, byte[] head, byte[] body) {

        Message {
            requireNonNull(startLine, "startLine");
            headers = List.copyOf(headers);
            requireNonNull(head, "head");
            requireNonNull(body, "body");
        }

        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim()).findFirst();
        }

        String method() {
            return startLine.substring(0, startLine.indexOf(' '));
        }

        /** The request target (path and query) as sent. */
        String target() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 ? parts[1] : "";
        }

        int status() {
            String[] parts = startLine.split(" ");
            return Integer.parseInt(parts[1]);
        }

        byte[] bytes() {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }

        /** This message without the named header (head rebuilt; body unchanged). */
        Message without(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            List<String> kept = headers.stream().filter(h -> !h.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
            StringBuilder b = new StringBuilder(startLine).append("\r\n");
            kept.forEach(h -> b.append(h).append("\r\n"));
            return new Message(startLine, kept, b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), body);
        }
    }

    /**
     * The next request, or empty at a clean end of stream. A request expecting {@code 100-continue} is answered
     * with it here, so the whole body arrives before the proxy decides what to do.
     */
    static Optional<Message> readRequest(InputStream in, OutputStream client) throws IOException {
        Optional<Message> head = readHead(in);
        if (head.isEmpty()) {
            return head;
        }
        Message m = head.get();
        if (m.header("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
            client.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.flush();
            m = m.without("Expect");
        }
        return Optional.of(new Message(m.startLine(), m.headers(), m.head(), readBody(in, m, true)));
    }

    /** The final response to a request with {@code method}; interim 1xx responses are skipped. */
    static Optional<Message> readResponse(InputStream in, String method) throws IOException {
        while (true) {
            Optional<Message> head = readHead(in);
            if (head.isEmpty()) {
                return head;
            }
            Message m = head.get();
            int status = m.status();
            if (status >= 100 && status < 200) {
                continue;
            }
            boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
            byte[] body = noBody ? new byte[0] : readBody(in, m, false);
            return Optional.of(new Message(m.startLine(), m.headers(), m.head(), body));
        }
    }

    /** Whether the response's end was marked (length, chunked or no body), so the connection can carry more. */
    static boolean framed(Message response, String method) {
        int status = response.status();
        return method.equals("HEAD") || status == 204 || status == 304 || response.header("Content-Length").isPresent()
                || response.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
    }

    private static Optional<Message> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return Optional.empty();
                }
                throw new EOFException("stream ended inside an HTTP head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) {
                throw new IOException("HTTP head over " + MAX_HEAD + " bytes");
            }
        }
        byte[] bytes = head.toByteArray();
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        return Optional.of(new Message(lines[0], headers, bytes, new byte[0]));
    }

    /** The body as sent: Content-Length bytes, the raw chunked encoding, or (responses only) up to end of stream. */
    private static byte[] readBody(InputStream in, Message m, boolean request) throws IOException {
        if (m.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            return readChunked(in);
        }
        Optional<String> length = m.header("Content-Length");
        if (length.isPresent()) {
            long n = Long.parseLong(length.get());
            if (n > MAX_BODY) {
                throw new IOException("HTTP body of " + n + " bytes is over this proxy's limit");
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new EOFException("stream ended after " + body.length + " of " + n + " body bytes");
            }
            return body;
        }
        return request ? new byte[0] : in.readNBytes(MAX_BODY);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, raw);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in, raw).isEmpty()) {
                    // trailers, kept in the raw bytes
                }
                return raw.toByteArray();
            }
            raw.write(in.readNBytes(size));
            readLine(in, raw);
            if (raw.size() > MAX_BODY) {
                throw new IOException("chunked HTTP body over this proxy's limit");
            }
        }
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("stream ended inside a chunked body");
            }
            raw.write(b);
            if (b == '\n') {
                return line.toString().stripTrailing();
            }
            line.append((char) b);
        }
    }
}
