// What the CLI needs from the outside world, in one place so tests can give
// it their own: output streams, environment variables, whether stdout is a
// terminal, the clock, and Ctrl-C.
package org.upswap.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/** @param interactive stdout is a terminal: draw progress bars instead of plain lines */
record CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, boolean interactive,
                      Clock clock, InterruptHooks interrupts) {

    private static final int DEFAULT_COLUMNS = 80;
    private static final int MIN_COLUMNS = 20;

    /** The terminal's width: $COLUMNS when the shell exports it, else 80. */
    int columns() {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", ""));
            return columns >= MIN_COLUMNS ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }

    static CliEnvironment system() {
        return new CliEnvironment(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.getenv(), System.console() != null, Clock.systemDefaultZone(),
                InterruptHooks.shutdownHooks());
    }
}
