package org.upswap.ui;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.upswap.app.AppSnapshot;
import org.upswap.app.JobView;
import org.upswap.app.TargetView;
import org.upswap.client.model.Available;
import org.upswap.client.model.Installed;
import org.upswap.client.model.LastError;
import org.upswap.client.model.Previous;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.model.Target;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.Permission;
import org.upswap.client.protocol.TargetState;

/** Model snapshots as the helper would produce them, built by hand for view-model tests. */
final class Snapshots {
    static final String SHA = "a".repeat(64);

    private Snapshots() {
    }

    static Target target(String name, String installed, String available, boolean critical) {
        return new Target(name, TargetState.IDLE, "/opt/" + name + "/bin/" + name, "https://example.org/feed.json",
                "signal:HUP", 6 * 3600, installed == null ? null : new Installed(installed, SHA, false),
                available == null ? null : new Available(available, 4 * 1024 * 1024, SHA,
                        "Faster start-up.\nFixes a crash.", critical),
                null, 1_700_000_000L, null, List.of());
    }

    static Target withPrevious(Target t, String version) {
        return new Target(t.name(), t.state(), t.path(), t.source(), t.restart(), t.interval(), t.installed(),
                t.available(), new Previous(version, SHA), t.lastCheck(), t.lastError(), t.processes());
    }

    static Target withError(Target t, LastError error) {
        return new Target(t.name(), TargetState.ERROR, t.path(), t.source(), t.restart(), t.interval(),
                t.installed(), t.available(), t.previous(), t.lastCheck(), error, t.processes());
    }

    static Target withProcesses(Target t, String restart, ProcessInfo... processes) {
        return new Target(t.name(), t.state(), t.path(), t.source(), restart, t.interval(), t.installed(),
                t.available(), t.previous(), t.lastCheck(), t.lastError(), List.of(processes));
    }

    static TargetView view(Target t) {
        return new TargetView(t, null);
    }

    static TargetView running(Target t, JobView job) {
        return new TargetView(t, job);
    }

    static Map<Action, Permission> permissions(Permission update) {
        Map<Action, Permission> p = new EnumMap<>(Action.class);
        p.put(Action.CHECK, Permission.YES);
        p.put(Action.UPDATE, update);
        p.put(Action.ROLLBACK, update);
        p.put(Action.RESTART, update);
        return p;
    }

    static AppSnapshot connected(Permission update, TargetView... targets) {
        return new AppSnapshot(true, null, permissions(update), List.of(targets), false);
    }

    static AppSnapshot disconnected(String reason, TargetView... targets) {
        return new AppSnapshot(false, reason, Map.of(), List.of(targets), false);
    }
}
