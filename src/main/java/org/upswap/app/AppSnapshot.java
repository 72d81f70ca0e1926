// Everything the tray, the window and the notifications show, at one moment:
// immutable, so views can keep it and compare.
package org.upswap.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.Permission;

/**
 * @param connected whether the helper answers
 * @param disconnectReason why not, for people (null when connected)
 * @param permissions what this user may do without a prompt, after authenticating, or not at all
 * @param targets every managed program, in the helper's order
 * @param paused the user paused update notifications
 */
public record AppSnapshot(boolean connected, String disconnectReason, Map<Action, Permission> permissions,
                          List<TargetView> targets, boolean paused) {

    public AppSnapshot {
        permissions = Map.copyOf(permissions);
        targets = List.copyOf(targets);
    }

    static AppSnapshot initial() {
        return new AppSnapshot(false, "not connected yet", Map.of(), List.of(), false);
    }

    public Permission permission(Action action) {
        return permissions.getOrDefault(action, Permission.NO);
    }

    public Optional<TargetView> target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public List<TargetView> withUpdates() {
        return targets.stream().filter(TargetView::updateAvailable).toList();
    }

    public boolean working() {
        return targets.stream().anyMatch(t -> t.job() != null
                || t.target().state() != org.upswap.client.protocol.TargetState.IDLE
                && t.target().state() != org.upswap.client.protocol.TargetState.ERROR);
    }

    /** The state the tray icon shows, most urgent first. */
    public AppState state() {
        if (!connected) {
            return AppState.DISCONNECTED;
        }
        if (working()) {
            return AppState.WORKING;
        }
        if (targets.stream().anyMatch(TargetView::failed)) {
            return AppState.ERROR;
        }
        if (targets.stream().anyMatch(TargetView::restartNeeded)) {
            return AppState.RESTART_NEEDED;
        }
        if (paused) {
            return AppState.PAUSED;
        }
        if (!withUpdates().isEmpty()) {
            return AppState.UPDATE_AVAILABLE;
        }
        return AppState.UP_TO_DATE;
    }

    /** The job running right now, if any (the helper runs one at a time). */
    public Optional<TargetView> current() {
        return targets.stream().filter(t -> t.job() != null).findFirst();
    }
}
