// What the list and the details say about one target: its versions, its
// state in a word or two, and how far a running job has got.
package org.upswap.ui;

import org.upswap.app.JobView;
import org.upswap.app.TargetView;
import org.upswap.client.model.Installed;
import org.upswap.client.model.Target;
import org.upswap.client.protocol.ProgressPhase;
import org.upswap.client.protocol.TargetState;

final class TargetText {

    /** The look of a target's state, most urgent first (also its style class in the list). */
    enum Status {
        WORKING, FAILED, RESTART_NEEDED, UPDATE_AVAILABLE, NOT_INSTALLED, UP_TO_DATE;

        String styleClass() {
            return "status-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Messages messages;

    TargetText(Messages messages) {
        this.messages = messages;
    }

    static Status status(TargetView view, boolean requested) {
        Target t = view.target();
        if (requested || view.job() != null
                || t.state() != TargetState.IDLE && t.state() != TargetState.ERROR) {
            return Status.WORKING;
        }
        if (view.failed()) {
            return Status.FAILED;
        }
        if (view.restartNeeded()) {
            return Status.RESTART_NEEDED;
        }
        if (view.updateAvailable()) {
            return Status.UPDATE_AVAILABLE;
        }
        return t.installed() == null ? Status.NOT_INSTALLED : Status.UP_TO_DATE;
    }

    /** A word or two for the list: "Update available", "Downloading 42 %". */
    String statusLine(TargetView view, boolean requested) {
        Status status = status(view, requested);
        return switch (status) {
            case WORKING -> working(view, requested);
            case FAILED -> messages.get("status.failed");
            case RESTART_NEEDED -> messages.get("status.restartNeeded");
            case UPDATE_AVAILABLE -> messages.get("status.updateAvailable");
            case NOT_INSTALLED -> messages.get("status.notInstalled");
            case UP_TO_DATE -> messages.get("status.upToDate");
        };
    }

    private String working(TargetView view, boolean requested) {
        JobView job = view.job();
        if (job != null && job.phase() != null) {
            int percent = (int) Math.floor(Math.max(0, job.fraction()) * 100);
            return messages.get(job.phase() == ProgressPhase.DOWNLOAD ? "status.downloading" : "status.installing",
                    percent);
        }
        if (job == null && requested) {
            return messages.get("status.starting");
        }
        return switch (view.target().state()) {
            case CHECKING -> messages.get("status.checking");
            case DOWNLOADING -> messages.get("status.downloadingNoProgress");
            case VERIFYING -> messages.get("status.verifying");
            case SWAPPING -> messages.get("status.swapping");
            default -> messages.get(job != null && "rollback".equals(job.kind()) ? "status.rollingBack"
                    : "status.waiting");
        };
    }

    /** "1.0.0 → 2.0.0", or just "1.0.0" when nothing newer is offered. */
    String versionLine(Target t) {
        String installed = installed(t);
        return t.available() == null ? installed
                : messages.get("versions.upgrade", installed, t.available().version());
    }

    /** The installed version, or why there is none to show. */
    String installed(Target t) {
        Installed i = t.installed();
        if (i == null) {
            return messages.get("version.notInstalled");
        }
        String version = i.version() == null ? messages.get("version.unknown") : i.version();
        return i.modified() ? messages.get("version.modified", version) : version;
    }

    /** "2.0.0 (4.0 MiB)", or that nothing newer is offered. */
    String available(Target t) {
        return t.available() == null ? messages.get("version.noneNewer")
                : messages.get("version.withSize", t.available().version(), messages.size(t.available().size()));
    }

    /** "Downloading 1.7 MiB of 4.0 MiB", for the job's progress bar. */
    String progress(JobView job, boolean awaitingPermission) {
        if (job == null) {
            return messages.get(awaitingPermission ? "progress.awaitingPermission" : "progress.starting");
        }
        if (job.phase() == null) {
            return messages.get("rollback".equals(job.kind()) ? "progress.rollingBack" : "progress.waiting");
        }
        String key = job.phase() == ProgressPhase.DOWNLOAD ? "progress.download" : "progress.install";
        return job.total() > 0 ? messages.get(key, messages.size(job.done()), messages.size(job.total()))
                : messages.get(key + ".noTotal", messages.size(job.done()));
    }

    /** "50.0 MiB/s, about 3 seconds left", or empty when the rate is not known yet. */
    String rate(JobView job) {
        if (job == null || job.phase() == null || job.rate() <= 0) {
            return "";
        }
        long left = job.secondsLeft();
        return left < 0 ? messages.rate(job.rate())
                : messages.get("progress.rateAndTimeLeft", messages.rate(job.rate()), messages.duration(left));
    }
}
