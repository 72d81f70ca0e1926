package org.upswap.reexec;

/** The program could not move onto its new version; it goes on as it was. */
public final class ReexecException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReexecException(String message) {
        super(message);
    }

    public ReexecException(String message, Throwable cause) {
        super(message, cause);
    }
}
