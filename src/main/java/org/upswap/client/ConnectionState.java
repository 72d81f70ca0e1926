// Whether a HelperConnection is connected right now, and if not, why and
// when it tries again.
package org.upswap.client;

import java.time.Duration;
import java.util.Objects;
import org.upswap.client.model.HelloResult;

public sealed interface ConnectionState {

    /** Connected and greeted; if events were wanted, subscribed too. */
    record Connected(HelloResult hello) implements ConnectionState {

        public Connected {
            Objects.requireNonNull(hello, "hello");
        }
    }

    /**
     * Not connected.
     *
     * @param reason what went wrong, for people
     * @param retryIn when the next attempt starts
     */
    record Disconnected(String reason, Duration retryIn) implements ConnectionState {

        public Disconnected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryIn, "retryIn");
        }
    }
}
