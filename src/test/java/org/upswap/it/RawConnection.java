package org.upswap.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

/**
 * A deliberately dumb client: raw bytes over the real socket, for sending
 * what no well-behaved client would (garbage, oversized lines, floods).
 */
final class RawConnection implements AutoCloseable {
    private static final String EOF = "\u0000EOF";
    final UnixSocketChannel channel;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    RawConnection(Path socket, boolean read) throws IOException {
        channel = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()));
        if (read) {
            reader = new Thread(this::readLoop, "raw-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            reader = null;
        }
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // closed or reset: both end the stream for the test
        }
        lines.add(EOF);
    }

    void send(String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    OutputStream out() {
        return Channels.newOutputStream(channel);
    }

    /** The next line, or null on EOF; fails if nothing comes in time. */
    String next(Duration timeout) throws InterruptedException {
        String l = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (l == null) {
            throw new AssertionError("no line from the helper within " + timeout);
        }
        return l.equals(EOF) ? null : l;
    }

    String next() throws InterruptedException {
        return next(Duration.ofSeconds(10));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
