// A job the CLI was following ended with an error event.
package org.upswap.cli;

import org.upswap.client.model.ErrorEvent;

final class JobFailedException extends Exception {

    private final ErrorEvent event;

    JobFailedException(ErrorEvent event) {
        super(event.message());
        this.event = event;
    }

    ErrorEvent event() {
        return event;
    }
}
