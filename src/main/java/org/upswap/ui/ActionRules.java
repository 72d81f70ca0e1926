// Which actions the window offers for a target right now, and how: from the
// helper's permissions for this user (yes / after authenticating / no), what
// the target is doing and whether the helper is connected at all.
package org.upswap.ui;

import java.util.Set;
import org.upswap.app.AppSnapshot;
import org.upswap.app.TargetView;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.TargetState;

final class ActionRules {

    private final Messages messages;
    private final long userId;

    /** @param userId this user's uid: restarting one's own processes needs nobody's permission */
    ActionRules(Messages messages, long userId) {
        this.messages = messages;
        this.userId = userId;
    }

    ActionState update(TargetView view, AppSnapshot snapshot, boolean requested) {
        if (!view.updateAvailable() || busy(view, requested)) {
            return ActionState.HIDDEN;
        }
        return permitted(snapshot, Action.UPDATE, "action.update.auth", "action.update.no");
    }

    ActionState updateAll(AppSnapshot snapshot, Set<String> requested) {
        var waiting = snapshot.withUpdates();
        if (waiting.isEmpty()) {
            return ActionState.HIDDEN;
        }
        if (waiting.stream().allMatch(t -> busy(t, requested.contains(t.name())))) {
            return ActionState.disabled(messages.get("action.updateAll.running"));
        }
        return permitted(snapshot, Action.UPDATE, "action.update.auth", "action.update.no");
    }

    ActionState rollback(TargetView view, AppSnapshot snapshot, boolean requested) {
        if (view.target().previous() == null) {
            return ActionState.HIDDEN;
        }
        if (busy(view, requested)) {
            return ActionState.disabled(messages.get("action.rollback.busy"));
        }
        return permitted(snapshot, Action.ROLLBACK, "action.rollback.auth", "action.rollback.no");
    }

    /** Cancelling is authorized like updating (the helper's rule). */
    ActionState cancel(TargetView view, AppSnapshot snapshot) {
        if (view.job() == null) {
            return ActionState.HIDDEN;
        }
        return permitted(snapshot, Action.UPDATE, "action.cancel.auth", "action.cancel.no");
    }

    ActionState restart(TargetView view, AppSnapshot snapshot) {
        if (!view.restartNeeded() || !hasRestartPolicy(view)) {
            return ActionState.HIDDEN;
        }
        if (!snapshot.connected()) {
            return ActionState.disabled(messages.get("action.offline"));
        }
        // The helper's rule: one's own processes need no permission; anyone else's, or a system service, do.
        boolean others = view.target().restart().startsWith("systemd:")
                || view.target().processes().stream().mapToLong(ProcessInfo::uid).anyMatch(uid -> uid != userId);
        return others ? ActionState.forPermission(snapshot.permission(Action.RESTART),
                messages.get("action.restart.auth"), messages.get("action.restart.no")) : ActionState.allowed();
    }

    ActionState checkNow(AppSnapshot snapshot) {
        return snapshot.connected() ? ActionState.allowed() : ActionState.disabled(messages.get("action.offline"));
    }

    /** Whether "Restart them" can do anything: only signal and systemd policies restart programs. */
    static boolean hasRestartPolicy(TargetView view) {
        String policy = view.target().restart();
        return policy.startsWith("signal:") || policy.startsWith("systemd:");
    }

    /** A job runs or was asked for; a mere check does not count (it may still offer the update). */
    private static boolean busy(TargetView view, boolean requested) {
        TargetState state = view.target().state();
        return requested || view.job() != null
                || state == TargetState.DOWNLOADING || state == TargetState.VERIFYING || state == TargetState.SWAPPING;
    }

    private ActionState permitted(AppSnapshot snapshot, Action action, String authKey, String noKey) {
        if (!snapshot.connected()) {
            return ActionState.disabled(messages.get("action.offline"));
        }
        return ActionState.forPermission(snapshot.permission(action), messages.get(authKey), messages.get(noKey));
    }
}
