// A failure the CLI itself detected, with the exit status and the text to
// show; thrown from commands and reported by ErrorReporter.
package org.upswap.cli;

final class CliFailure extends Exception {

    private final int exitCode;
    private final String hint;

    /** @param hint a second line suggesting what to do, or null */
    CliFailure(int exitCode, String message, String hint) {
        super(message);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    int exitCode() {
        return exitCode;
    }

    String hint() {
        return hint;
    }
}
