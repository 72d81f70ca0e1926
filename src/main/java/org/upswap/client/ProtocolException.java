// The helper sent something protocol 1 does not allow: not JSON, a line over
// the size cap, a known field of the wrong type. A bug on one side or the
// other; the message says what and where.
package org.upswap.client;

import java.io.IOException;

public class ProtocolException extends IOException {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
