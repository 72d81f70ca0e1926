package org.upswap.it;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;

/**
 * Writes one response body in slices, at the pace a fault asks for (a pause
 * after some bytes, or a steady rate), and counts the bytes that went out,
 * also when the client hangs up half-way.
 */
final class PacedBody {
    /** Where body bytes come from: {@code read} fills {@code into[0, length)} with the bytes at {@code position}. */
    interface Source {
        void read(long position, byte[] into, int length) throws IOException;
    }

    private static final int SLICE = 64 * 1024;
    /** Slices of a rate-limited body: a tenth of a second's worth. */
    private static final long RATE_SLICES_PER_SECOND = 10;

    private final long stallAt;
    private final long stallMillis;
    private final long bytesPerSecond;
    private volatile long sent;

    private PacedBody(long stallAt, long stallMillis, long bytesPerSecond) {
        this.stallAt = stallAt;
        this.stallMillis = stallMillis;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** As fast as the client reads. */
    static PacedBody unpaced() {
        return new PacedBody(-1, 0, 0);
    }

    /** {@code afterBytes}, then a pause of {@code millis}, then the rest. */
    static PacedBody stalling(long afterBytes, long millis) {
        return new PacedBody(afterBytes, millis, 0);
    }

    static PacedBody limited(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
        }
        return new PacedBody(-1, 0, bytesPerSecond);
    }

    /** The bytes of {@code file} from {@code offset} on. */
    static Source file(FileChannel file, long offset) {
        return (position, into, length) -> {
            ByteBuffer buf = ByteBuffer.wrap(into, 0, length);
            while (buf.hasRemaining()) {
                if (file.read(buf, offset + position + buf.position()) < 0) {
                    throw new IOException("file shrank while being served");
                }
            }
        };
    }

    static Source bytes(byte[] content) {
        return (position, into, length) -> System.arraycopy(content, (int) position, into, 0, length);
    }

    /** A repeating pattern, as long as anyone wants. */
    static Source pattern() {
        return (position, into, length) -> {
            for (int i = 0; i < length; i++) {
                into[i] = (byte) ('a' + (position + i) % 26);
            }
        };
    }

    /** Body bytes written so far. */
    long sent() {
        return sent;
    }

    /** Writes {@code count} bytes of {@code source} to {@code out}; throws when the client is gone. */
    void write(Source source, long count, OutputStream out) throws IOException {
        byte[] slice = new byte[SLICE];
        long startNanos = System.nanoTime();
        boolean stalled = stallAt < 0;
        while (sent < count) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("server closing");
            }
            if (!stalled && sent >= stallAt) {
                out.flush();
                sleepMillis(stallMillis);
                stalled = true;
            }
            long n = Math.min(slice.length, count - sent);
            if (!stalled) {
                n = Math.min(n, stallAt - sent);
            }
            if (bytesPerSecond > 0) {
                n = Math.min(n, Math.max(1, bytesPerSecond / RATE_SLICES_PER_SECOND));
            }
            source.read(sent, slice, (int) n);
            out.write(slice, 0, (int) n);
            sent += n;
            if (bytesPerSecond > 0) {
                out.flush();
                long due = startNanos + TimeUnit.SECONDS.toNanos(sent) / bytesPerSecond;
                sleepMillis(TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime()));
            }
        }
        if (!stalled) {
            // Asked to stall at or past the end: the whole body, then the pause.
            out.flush();
            sleepMillis(stallMillis);
        }
        out.flush();
    }

    private static void sleepMillis(long millis) throws InterruptedIOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("server closing");
        }
    }
}
