// Progress output on a terminal (one bar, redrawn) and elsewhere (a line per tenth).
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.protocol.ProgressPhase;

class LiveOutputTest {

    private final StringWriter text = new StringWriter();

    @Test
    void withoutATerminalProgressIsPrintedOncePerTenth() {
        LiveOutput output = new LiveOutput(new PrintWriter(text), false, 80, line -> "> " + line);

        for (int done = 0; done <= 100; done += 4) {
            output.progress(progress(ProgressPhase.DOWNLOAD, done));
        }
        output.progress(progress(ProgressPhase.INSTALL, 0));

        assertThat(text.toString().lines()).hasSize(12).allMatch(line -> line.startsWith("> demo: "));
        assertThat(text.toString().lines().toList().get(11)).startsWith("> demo: install 0%");
    }

    @Test
    void onATerminalLinesGoAboveTheBar() {
        LiveOutput output = new LiveOutput(new PrintWriter(text), true, 80, line -> line);

        output.progress(progress(ProgressPhase.DOWNLOAD, 40));
        output.line("note");
        output.clearBar();

        assertThat(text.toString()).startsWith("\r\033[Kdemo download [########............] 40%")
                .endsWith("\r\033[Knote\n");
    }

    @Test
    void aBarNeverWrapsPastTheTerminalWidth() {
        LiveOutput output = new LiveOutput(new PrintWriter(text), true, 30, line -> line);

        output.progress(progress(ProgressPhase.DOWNLOAD, 40));

        assertThat(text.toString()).isEqualTo("\r\033[Kdemo download [########......").hasSize("\r\033[K".length() + 29);
    }

    private static ProgressEvent progress(ProgressPhase phase, long done) {
        return new ProgressEvent("demo", 3, phase, done, 100, 10);
    }
}
