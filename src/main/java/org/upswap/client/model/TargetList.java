// The list-targets result.
package org.upswap.client.model;

import java.util.List;

public record TargetList(List<Target> targets) {

    public TargetList {
        targets = Fields.requiredList(targets, "targets");
    }
}
