// Why the last check or job of a target failed.
package org.upswap.client.model;

import org.upswap.client.protocol.ErrorCode;

public record LastError(ErrorCode code, String message) {

    public LastError {
        Fields.required(code, "code");
        Fields.required(message, "message");
    }
}
