// The exit statuses of `upswap`, listed in every --help.
package org.upswap.cli;

final class ExitCodes {

    /** Done; also "already up to date". */
    static final int OK = 0;
    /** The helper reported a failure (or a publish failed). */
    static final int FAILED = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /** The helper could not be reached or did not answer in time. */
    static final int UNREACHABLE = 3;
    /** The helper refused: this user may not do that. */
    static final int NOT_AUTHORIZED = 4;

    private ExitCodes() {
    }
}
