// The result of `restart`: the processes the restart policy is applied to.
package org.upswap.client.model;

import java.util.List;

public record RestartStarted(List<Long> processes) {

    public RestartStarted {
        processes = Fields.requiredList(processes, "processes");
    }
}
