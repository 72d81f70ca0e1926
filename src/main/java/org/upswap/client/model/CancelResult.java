// The cancel result: the ids of the jobs that were cancelled.
package org.upswap.client.model;

import java.util.List;

public record CancelResult(List<Long> cancelled) {

    public CancelResult {
        cancelled = Fields.requiredList(cancelled, "cancelled");
    }
}
