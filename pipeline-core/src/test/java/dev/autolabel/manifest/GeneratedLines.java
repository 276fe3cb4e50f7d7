package dev.autolabel.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.InputStream;
import java.util.function.IntFunction;

/** A stream of {@code count} generated lines, made one at a time as they are read; counts bytes handed out. */
final class GeneratedLines extends InputStream {

    private final int count;
    private final IntFunction<String> line;
    private int nextLine;
    private byte[] current = new byte[0];
    private int pos;
    private long bytesRead;

    GeneratedLines(int count, IntFunction<String> line) {
        this.count = count;
        this.line = line;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        bytesRead++;
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len && fill()) {
            int k = Math.min(len - n, current.length - pos);
            System.arraycopy(current, pos, b, off + n, k);
            pos += k;
            n += k;
        }
        bytesRead += n;
        return n == 0 ? -1 : n;
    }

    private boolean fill() {
        while (pos == current.length) {
            if (nextLine == count) {
                return false;
            }
            current = (line.apply(nextLine++) + "\n").getBytes(UTF_8);
            pos = 0;
        }
        return true;
    }
}
