// AppSnapshots and targets as the helper would describe them, for feeding a
// Notifier directly.
package org.upswap.notify;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.upswap.app.AppSnapshot;
import org.upswap.app.JobView;
import org.upswap.app.TargetView;
import org.upswap.client.model.Available;
import org.upswap.client.model.Installed;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.model.Target;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.Permission;
import org.upswap.client.protocol.TargetState;

final class Snapshots {

    static final String SHA = "a".repeat(64);

    private Snapshots() {
    }

    static TargetView offering(String name, String installed, String version, boolean critical) {
        return new TargetView(target(name, installed,
                new Available(version, 18_312, SHA, "Faster start-up.\n\nFixes a crash.", critical), List.of()), null);
    }

    static TargetView upToDate(String name, String installed) {
        return new TargetView(target(name, installed, null, List.of()), null);
    }

    /** Configured, but its feed was not read yet: whether anything is offered is unknown. */
    static TargetView neverChecked(String name, String installed) {
        Target t = target(name, installed, null, List.of());
        return new TargetView(new Target(t.name(), TargetState.CHECKING, t.path(), t.source(), t.restart(),
                t.interval(), t.installed(), null, null, null, null, List.of()), null);
    }

    static TargetView restartNeeded(String name, String installed, ProcessInfo... processes) {
        return new TargetView(target(name, installed, null, Arrays.asList(processes)), null);
    }

    /** As {@link #restartNeeded}, for a target whose restart policy is {@code policy}. */
    static TargetView restartNeededWithPolicy(String policy, String name, String installed,
                                              ProcessInfo... processes) {
        Target t = target(name, installed, null, Arrays.asList(processes));
        return new TargetView(new Target(t.name(), t.state(), t.path(), t.source(), policy, t.interval(),
                t.installed(), null, null, t.lastCheck(), null, t.processes()), null);
    }

    static TargetView updating(TargetView target, long job) {
        return new TargetView(target.target(), new JobView(job, "update", null, 0, 0, 0));
    }

    static AppSnapshot connected(TargetView... targets) {
        return snapshot(false, Permission.YES, targets);
    }

    static AppSnapshot paused(TargetView... targets) {
        return snapshot(true, Permission.YES, targets);
    }

    static AppSnapshot withUpdatePermission(Permission update, TargetView... targets) {
        return snapshot(false, update, targets);
    }

    static AppSnapshot disconnected(TargetView... targets) {
        return new AppSnapshot(false, "gone", Map.of(), List.of(targets), false);
    }

    private static AppSnapshot snapshot(boolean paused, Permission update, TargetView... targets) {
        Map<Action, Permission> permissions = new EnumMap<>(Action.class);
        permissions.put(Action.CHECK, Permission.YES);
        permissions.put(Action.UPDATE, update);
        return new AppSnapshot(true, null, permissions, List.of(targets), paused);
    }

    private static Target target(String name, String installed, Available available, List<ProcessInfo> processes) {
        return new Target(name, TargetState.IDLE, "/opt/" + name + "/bin/" + name,
                "https://example.org/" + name + "/feed.json", "signal:HUP", 21_600,
                new Installed(installed, SHA, false), available, null, 1_700_000_000L, null, processes);
    }
}
