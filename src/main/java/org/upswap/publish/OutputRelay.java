// Passes a child process's output on as it comes (so a password prompt shows
// before the child waits for the answer) and keeps its last lines for an
// error message.
package org.upswap.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

final class OutputRelay {

    /** Enough for a few lines of diagnostics; older output is dropped. */
    private static final int KEPT_CHARS = 4096;

    private final StringBuilder kept = new StringBuilder();
    private final Thread thread;

    private OutputRelay(InputStream output, Writer sink, String name) {
        thread = new Thread(() -> relay(output, sink), name);
        thread.setDaemon(true);
    }

    static OutputRelay start(InputStream output, Writer sink, String name) {
        OutputRelay relay = new OutputRelay(output, sink, name);
        relay.thread.start();
        return relay;
    }

    /** Waits until the output has ended (the process closed it, normally by exiting). */
    void awaitEnd() throws InterruptedException {
        thread.join();
    }

    /** The last line that is not blank, or "" if there was none. */
    synchronized String lastLine() {
        String[] lines = kept.toString().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "";
    }

    private void relay(InputStream output, Writer sink) {
        char[] buffer = new char[512];
        try (Reader reader = new InputStreamReader(output, StandardCharsets.UTF_8)) {
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                keep(buffer, read);
                try {
                    sink.write(buffer, 0, read);
                    sink.flush();
                } catch (IOException e) {
                    // Showing the output is a courtesy; keep draining so the process never blocks on a full pipe.
                }
            }
        } catch (IOException e) {
            // The pipe broke, which ends the output; the exit status says how the process did.
        }
    }

    private synchronized void keep(char[] chars, int count) {
        kept.append(chars, 0, count);
        if (kept.length() > KEPT_CHARS) {
            kept.delete(0, kept.length() - KEPT_CHARS);
        }
    }
}
