// Splits the helper's byte stream into lines and enforces the 1 MiB line cap
// while reading, so an endless line costs at most 1 MiB of memory.
package org.upswap.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

final class LineReader {

    private final ReadableByteChannel in;
    private final int maxLineBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).flip();
    private byte[] line = new byte[4096];
    private int length;

    /** @param maxLineBytes the longest line allowed, its newline included */
    LineReader(ReadableByteChannel in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line without its newline, or null at the end of the stream.
     *
     * @throws ProtocolException if the line is longer than the cap
     * @throws EOFException if the stream ends in the middle of a line
     */
    byte[] next() throws IOException {
        while (true) {
            int start = buffer.position();
            int end = buffer.limit();
            for (int i = start; i < end; i++) {
                if (buffer.get(i) == '\n') {
                    append(start, i);
                    buffer.position(i + 1);
                    byte[] result = Arrays.copyOf(line, length);
                    length = 0;
                    return result;
                }
            }
            append(start, end);
            buffer.clear();
            int read = in.read(buffer);
            buffer.flip();
            if (read < 0) {
                if (length == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a message");
            }
        }
    }

    private void append(int from, int to) throws ProtocolException {
        int count = to - from;
        // The newline still to come counts towards the cap.
        if (length + count + 1 > maxLineBytes) {
            length = 0;
            throw new ProtocolException("upswap-helper sent a line longer than the limit of " + maxLineBytes + " bytes");
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + count)));
        }
        buffer.get(from, line, length, count);
        length += count;
    }
}
