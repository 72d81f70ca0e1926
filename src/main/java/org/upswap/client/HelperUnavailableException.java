// The helper cannot be reached: no socket file, nobody listening, or the
// connection ended. Worth retrying later; the request was not answered.
package org.upswap.client;

import java.io.IOException;
import java.nio.file.Path;

public class HelperUnavailableException extends IOException {

    private final Path socket;

    public HelperUnavailableException(Path socket, String message, Throwable cause) {
        super(message, cause);
        this.socket = socket;
    }

    public HelperUnavailableException(Path socket, String message) {
        this(socket, message, null);
    }

    /** The socket the client used. */
    public Path socket() {
        return socket;
    }
}
