// The check result: whether a check started, for which targets, and if it
// was refused by the rate limit, when to ask again.
package org.upswap.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** @param retryAfter seconds until a check may run again; present only when not started */
public record CheckResult(boolean started, List<String> targets,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter) {

    public CheckResult {
        targets = Fields.requiredList(targets, "targets");
    }
}
