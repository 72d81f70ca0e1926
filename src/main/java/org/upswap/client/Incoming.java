// One decoded helper-to-client line, before it is routed to a request or to
// the event listeners.
package org.upswap.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.protocol.ErrorCode;

sealed interface Incoming {

    /** The answer to request {@code id}; {@code result} is decoded by the request's result type. */
    record Reply(long id, JsonNode result) implements Incoming {
    }

    /** A refusal of request {@code id}; {@code id} is null when the helper could not read it. */
    record Failure(Long id, ErrorCode code, String message) implements Incoming {
    }

    record Event(HelperEvent event) implements Incoming {
    }

    /** An event this client does not know; skipped, so a newer helper does not break it. */
    record UnknownEvent(String name) implements Incoming {
    }
}
