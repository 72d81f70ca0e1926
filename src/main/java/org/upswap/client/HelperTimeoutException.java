// The helper did not answer a request in time. The connection stays open;
// a late answer is dropped.
package org.upswap.client;

import java.io.IOException;
import java.time.Duration;
import org.upswap.client.protocol.RequestKind;

public class HelperTimeoutException extends IOException {

    private final RequestKind kind;
    private final Duration timeout;

    public HelperTimeoutException(RequestKind kind, Duration timeout) {
        super("upswap-helper did not answer '" + kind.wireName() + "' within " + describe(timeout));
        this.kind = kind;
        this.timeout = timeout;
    }

    public RequestKind kind() {
        return kind;
    }

    public Duration timeout() {
        return timeout;
    }

    private static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
