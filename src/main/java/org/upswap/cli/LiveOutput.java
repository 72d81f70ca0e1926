// Output for commands that follow events as they happen. On a terminal the
// latest progress is one bar redrawn in place, and other lines are printed
// above it; elsewhere (logs, pipes) progress becomes a plain line at every
// tenth of the way, so logs stay short.
package org.upswap.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.upswap.cli.text.ProgressText;
import org.upswap.client.model.ProgressEvent;

final class LiveOutput {

    private static final String CLEAR_LINE = "\r\033[K";
    private static final int STEP_PERCENT = 10;

    private final PrintWriter out;
    private final boolean interactive;
    private final int columns;
    private final UnaryOperator<String> decorate;
    private final Map<String, Integer> lastStep = new HashMap<>();
    private boolean barShown;

    /**
     * @param columns the terminal's width; a longer bar would wrap, and a wrapped line cannot be redrawn in place
     * @param decorate applied to every plain line, e.g. to prefix a time
     */
    LiveOutput(PrintWriter out, boolean interactive, int columns, UnaryOperator<String> decorate) {
        this.out = out;
        this.interactive = interactive;
        this.columns = columns;
        this.decorate = decorate;
    }

    synchronized void progress(ProgressEvent progress) {
        if (interactive) {
            String bar = ProgressText.bar(progress);
            out.print(CLEAR_LINE + (bar.length() < columns ? bar : bar.substring(0, columns - 1)));
            out.flush();
            barShown = true;
            return;
        }
        int percent = ProgressText.percent(progress);
        int step = percent < 0 ? 0 : percent / STEP_PERCENT;
        Integer last = lastStep.put(progress.job() + "/" + progress.phase().wireName(), step);
        if (last == null || step > last) {
            line(ProgressText.line(progress));
        }
    }

    /** Prints a line, above the progress bar if one is shown. */
    synchronized void line(String text) {
        clearBar();
        out.println(decorate.apply(text));
        out.flush();
    }

    /** Removes the progress bar, e.g. before the final result is printed. */
    synchronized void clearBar() {
        if (barShown) {
            out.print(CLEAR_LINE);
            out.flush();
            barShown = false;
        }
    }
}
