// Line splitting and the 1 MiB cap, over chunked reads.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsLinesAcrossReadsOfAnySize() throws IOException {
        LineReader reader = new LineReader(new ChunkedChannel("ab\ncd".getBytes(StandardCharsets.UTF_8), "ef\n\ngh\n", 3), 100);

        assertThat(text(reader.next())).isEqualTo("ab");
        assertThat(text(reader.next())).isEqualTo("cdef");
        assertThat(text(reader.next())).isEmpty();
        assertThat(text(reader.next())).isEqualTo("gh");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineExactlyAtTheCapIsAccepted() throws IOException {
        int cap = 1000;
        String line = "x".repeat(cap - 1);
        LineReader reader = new LineReader(new ChunkedChannel((line + "\n").getBytes(StandardCharsets.UTF_8), "", 7), cap);

        assertThat(reader.next()).hasSize(cap - 1);
    }

    @Test
    void aLineOneByteOverTheCapIsRefused() {
        int cap = 1000;
        String line = "x".repeat(cap);
        LineReader reader = new LineReader(new ChunkedChannel((line + "\n").getBytes(StandardCharsets.UTF_8), "", 7), cap);

        assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class).hasMessageContaining("1000 bytes");
    }

    @Test
    void anEndlessLineIsRefusedAfterReadingLittleMoreThanTheCap() {
        EndlessChannel endless = new EndlessChannel();
        LineReader reader = new LineReader(endless, 1 << 20);

        assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class);
        assertThat(endless.delivered).isLessThanOrEqualTo((1 << 20) + 64 * 1024);
    }

    @Test
    void endOfStreamInsideALineIsAnError() throws IOException {
        LineReader reader = new LineReader(new ChunkedChannel("ok\npartial".getBytes(StandardCharsets.UTF_8), "", 4), 100);

        assertThat(text(reader.next())).isEqualTo("ok");
        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    /** Delivers its bytes at most {@code chunk} at a time. */
    private static final class ChunkedChannel implements ReadableByteChannel {

        private final ByteBuffer data;
        private final int chunk;

        ChunkedChannel(byte[] first, String rest, int chunk) {
            byte[] tail = rest.getBytes(StandardCharsets.UTF_8);
            this.data = ByteBuffer.allocate(first.length + tail.length).put(first).put(tail).flip();
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!data.hasRemaining()) {
                return -1;
            }
            int n = Math.min(chunk, Math.min(dst.remaining(), data.remaining()));
            for (int i = 0; i < n; i++) {
                dst.put(data.get());
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** A helper gone wrong: one line that never ends. */
    private static final class EndlessChannel implements ReadableByteChannel {

        long delivered;

        @Override
        public int read(ByteBuffer dst) {
            int n = dst.remaining();
            while (dst.hasRemaining()) {
                dst.put((byte) 'x');
            }
            delivered += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
