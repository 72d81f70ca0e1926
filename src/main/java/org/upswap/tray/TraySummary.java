// The one line the tray's tooltip shows under its title: what the state
// means right now ("2 updates available", "Downloading demo 2.0.0 — 45%").
package org.upswap.tray;

import java.util.List;
import org.upswap.app.AppSnapshot;
import org.upswap.app.JobView;
import org.upswap.app.TargetView;
import org.upswap.client.model.Available;

final class TraySummary {

    private TraySummary() {
    }

    static String of(AppSnapshot snapshot) {
        return switch (snapshot.state()) {
            case DISCONNECTED -> disconnected(snapshot.disconnectReason());
            case WORKING -> working(snapshot);
            case ERROR -> failed(snapshot.targets().stream().filter(TargetView::failed).toList());
            case RESTART_NEEDED -> restartNeeded(snapshot.targets().stream().filter(TargetView::restartNeeded).toList());
            case PAUSED -> paused(snapshot.withUpdates().size());
            case UPDATE_AVAILABLE -> updatesAvailable(snapshot.withUpdates());
            case UP_TO_DATE -> snapshot.targets().isEmpty()
                    ? TrayMessages.get("summary.nothingManaged")
                    : TrayMessages.get("summary.upToDate");
        };
    }

    private static String disconnected(String reason) {
        return reason == null || reason.isBlank()
                ? TrayMessages.get("summary.disconnectedNoReason")
                : TrayMessages.get("summary.disconnected", oneLine(reason));
    }

    private static String working(AppSnapshot snapshot) {
        TargetView current = snapshot.current().orElse(null);
        if (current != null) {
            return job(current, current.job());
        }
        // The helper is busy without a job of ours: a scheduled check, or an
        // update someone else started. Say what the first busy target does.
        for (TargetView t : snapshot.targets()) {
            switch (t.target().state()) {
                case DOWNLOADING:
                    return TrayMessages.get("summary.downloading", withVersion(t));
                case VERIFYING:
                    return TrayMessages.get("summary.verifying", withVersion(t));
                case SWAPPING:
                    return TrayMessages.get("summary.installing", withVersion(t));
                default:
                    break;
            }
        }
        return TrayMessages.get("summary.checking");
    }

    private static String job(TargetView target, JobView job) {
        if ("rollback".equals(job.kind())) {
            return TrayMessages.get("summary.rollingBack", target.name());
        }
        String subject = withVersion(target);
        if (job.phase() == null) {
            return TrayMessages.get("summary.updating", subject);
        }
        String phase = switch (job.phase()) {
            case DOWNLOAD -> "summary.downloading";
            case INSTALL -> "summary.installing";
        };
        double fraction = job.fraction();
        if (fraction < 0) {
            return TrayMessages.get(phase, subject);
        }
        // Rounded down, so "100%" means done and not "almost".
        return TrayMessages.get(phase + "Percent", subject, Math.floor(fraction * 100) / 100);
    }

    private static String failed(List<TargetView> failed) {
        if (failed.size() == 1) {
            TargetView t = failed.get(0);
            return TrayMessages.get("summary.failedOne", t.name(), oneLine(t.target().lastError().message()));
        }
        return TrayMessages.get("summary.failedMany", failed.size());
    }

    private static String restartNeeded(List<TargetView> stale) {
        return stale.size() == 1
                ? TrayMessages.get("summary.restartOne", stale.get(0).name())
                : TrayMessages.get("summary.restartMany", stale.size());
    }

    private static String paused(int updates) {
        return updates == 0
                ? TrayMessages.get("summary.paused")
                : TrayMessages.get("summary.pausedWithUpdates", updates);
    }

    private static String updatesAvailable(List<TargetView> offered) {
        if (offered.size() == 1) {
            TargetView t = offered.get(0);
            return TrayMessages.get(t.critical() ? "summary.importantUpdate" : "summary.updateAvailable",
                    withVersion(t));
        }
        return TrayMessages.get("summary.updatesAvailable", offered.size());
    }

    /** "demo 2.0.0" while a version is offered, else just "demo". */
    private static String withVersion(TargetView target) {
        Available available = target.target().available();
        return available == null ? target.name()
                : TrayMessages.get("target.withVersion", target.name(), available.version());
    }

    /** Helper messages may span lines; a tooltip line may not. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
