// AppSnapshots made by hand, for the tray's rules that need no helper: which
// icon, which words, which menu.
package org.upswap.tray;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.upswap.app.AppSnapshot;
import org.upswap.app.JobView;
import org.upswap.app.TargetView;
import org.upswap.client.model.Available;
import org.upswap.client.model.Installed;
import org.upswap.client.model.LastError;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.model.Target;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.Permission;
import org.upswap.client.protocol.ProgressPhase;
import org.upswap.client.protocol.TargetState;

final class TraySnapshots {

    private static final String SHA = "b".repeat(64);

    private TraySnapshots() {
    }

    static TargetView upToDate(String name) {
        return view(target(name, TargetState.IDLE, null, null, List.of()));
    }

    static TargetView offering(String name, String version) {
        return view(target(name, TargetState.IDLE, available(version, false), null, List.of()));
    }

    static TargetView offeringCritical(String name, String version) {
        return view(target(name, TargetState.IDLE, available(version, true), null, List.of()));
    }

    static TargetView failed(String name, String message) {
        return view(target(name, TargetState.ERROR, null, new LastError(ErrorCode.VERIFY_FAILED, message),
                List.of()));
    }

    static TargetView restartNeeded(String name) {
        return view(target(name, TargetState.IDLE, null, null, List.of(new ProcessInfo(4242, 1000, "/opt/x"))));
    }

    static TargetView inState(String name, TargetState state, String offered) {
        return view(target(name, state, offered == null ? null : available(offered, false), null, List.of()));
    }

    static TargetView withJob(TargetView target, String kind, ProgressPhase phase, long done, long total) {
        return new TargetView(target.target(), new JobView(3, kind, phase, done, total, 0));
    }

    static AppSnapshot connected(TargetView... targets) {
        return snapshot(false, Permission.YES, Permission.YES, targets);
    }

    static AppSnapshot paused(TargetView... targets) {
        return snapshot(true, Permission.YES, Permission.YES, targets);
    }

    static AppSnapshot withPermissions(Permission check, Permission update, TargetView... targets) {
        return snapshot(false, check, update, targets);
    }

    static AppSnapshot disconnected(String reason, TargetView... targets) {
        return new AppSnapshot(false, reason, Map.of(), List.of(targets), false);
    }

    private static AppSnapshot snapshot(boolean paused, Permission check, Permission update, TargetView... targets) {
        Map<Action, Permission> permissions = new EnumMap<>(Action.class);
        permissions.put(Action.CHECK, check);
        permissions.put(Action.UPDATE, update);
        return new AppSnapshot(true, null, permissions, List.of(targets), paused);
    }

    private static TargetView view(Target target) {
        return new TargetView(target, null);
    }

    private static Available available(String version, boolean critical) {
        return new Available(version, 18_312, SHA, "", critical);
    }

    private static Target target(String name, TargetState state, Available available, LastError error,
                                 List<ProcessInfo> processes) {
        return new Target(name, state, "/opt/" + name + "/bin/" + name, "https://example.org/" + name + "/feed.json",
                "none", 21_600, new Installed("1.0.0", SHA, false), available, null, 1_700_000_000L, error,
                processes);
    }
}
