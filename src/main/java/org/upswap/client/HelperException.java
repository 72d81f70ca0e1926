// The helper refused a request or a job failed: the protocol's error code
// for programs, the helper's message for people.
package org.upswap.client;

import java.util.Objects;
import org.upswap.client.protocol.ErrorCode;

public class HelperException extends Exception {

    private final ErrorCode code;

    public HelperException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return "HelperException[" + code.wireName() + "]: " + getMessage();
    }
}
