// The answer to hello: the helper's protocol and version, who it thinks we
// are, and which privileged actions we may run without a prompt.
package org.upswap.client.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.Permission;

public record HelloResult(int protocol, String helper, Peer peer, Map<Action, Permission> actions) {

    public HelloResult {
        Fields.required(helper, "helper");
        Fields.required(peer, "peer");
        Map<Action, Permission> copy = new EnumMap<>(Action.class);
        copy.putAll(Fields.required(actions, "actions"));
        actions = Collections.unmodifiableMap(copy);
    }

    /** The permission for {@code action}; an action the helper did not list is not allowed. */
    public Permission permission(Action action) {
        return actions.getOrDefault(action, Permission.NO);
    }
}
