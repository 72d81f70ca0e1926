// How a client behaves: how long it waits for each answer and what it calls
// itself in hello.
package org.upswap.client;

import java.time.Duration;
import java.util.Objects;

/**
 * @param requestTimeout how long to wait for the answer to each request, hello included
 * @param clientName sent in hello for the helper's log, or null
 */
public record ClientOptions(Duration requestTimeout, String clientName) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ClientOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
    }

    public static ClientOptions defaults() {
        return new ClientOptions(DEFAULT_TIMEOUT, null);
    }

    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(timeout, clientName);
    }

    public ClientOptions withClientName(String name) {
        return new ClientOptions(requestTimeout, name);
    }
}
