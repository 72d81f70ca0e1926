// Decides what the desktop is told, and when: an update is offered, an
// installed update waits for running copies to restart, a job failed. Keeps
// one notice per target, obeys the user's pause and settings, rate-limits and
// postpones through Reminders, and carries out the buttons the user presses.
package org.upswap.notify;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.upswap.app.AppListener;
import org.upswap.app.AppSnapshot;
import org.upswap.app.DesktopActions;
import org.upswap.app.TargetView;
import org.upswap.app.UpdatesModel;
import org.upswap.client.HelperException;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.RestartResult;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.Permission;
import org.upswap.client.protocol.TargetState;

/**
 * Thread model: everything runs on {@code thread}, the model's own thread
 * (listener calls arrive there already; responses from the sink and
 * {@link #reconsider()} ticks are moved there), so no state here is shared.
 */
public final class Notifier implements AppListener, NoticeSink.Responses {

    private static final Logger LOG = System.getLogger(Notifier.class.getName());
    /**
     * How long after an update running copies are left to restart before the
     * user is asked to: the helper applies the restart policy at once, and
     * programs that re-exec themselves need a moment to reach a safe point.
     */
    static final Duration RESTART_GRACE = Duration.ofSeconds(10);

    private final UpdatesModel model;
    private final DesktopActions desktop;
    private final NoticeSink sink;
    private final NotifierSettings settings;
    private final Clock clock;
    private final Executor thread;
    private final NotifierTimer timer;
    private final Reminders reminders;
    private final NoticeTexts texts = new NoticeTexts();

    /** What each target's slot shows now. */
    private final Map<String, Notice> shown = new HashMap<>();
    /** The kind of each job seen running ("update", "rollback"), to word its failure. */
    private final Map<Long, String> jobKinds = new HashMap<>();
    /** Targets whose update or restart the user started from a notice: the outcome is reported. */
    private final Set<String> startedHere = new HashSet<>();
    /** When a target's binary was replaced under running processes, until their restart is settled. */
    private final Map<String, Instant> justReplaced = new HashMap<>();
    private AppSnapshot snapshot;

    /**
     * @param thread the model's thread: runs one task at a time
     * @param timer runs tasks on that thread later
     * @param store the reminder records (postponements, when last shown)
     */
    public Notifier(UpdatesModel model, DesktopActions desktop, NoticeSink sink, NotifierSettings settings,
                    ReminderStore store, Clock clock, Executor thread, NotifierTimer timer) {
        this.model = Objects.requireNonNull(model, "model");
        this.desktop = Objects.requireNonNull(desktop, "desktop");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reminders = new Reminders(store);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = Objects.requireNonNull(thread, "thread");
        this.timer = Objects.requireNonNull(timer, "timer");
        sink.respondTo(this);
    }

    // ---- what the model says --------------------------------------------------

    @Override
    public void changed(AppSnapshot next) {
        snapshot = next;
        for (TargetView t : next.targets()) {
            if (t.job() != null) {
                jobKinds.put(t.job().id(), t.job().kind());
            }
        }
        reconsider();
    }

    @Override
    public void event(HelperEvent event, AppSnapshot next) {
        snapshot = next;
        if (event instanceof UpdatedEvent updated) {
            jobKinds.remove(updated.job());
            finished(updated);
        } else if (event instanceof ErrorEvent error && error.job() != null && error.target() != null) {
            String kind = jobKinds.getOrDefault(error.job(), "update");
            jobKinds.remove(error.job());
            failed(error.target(), kind, error.code(), error.message());
        } else if (event instanceof RestartedEvent restarted) {
            restarted(restarted);
        }
    }

    /**
     * Looks at every target afresh: shows what is due, withdraws what is
     * stale. Runs on every change and when a postponement or grace period
     * ends; it should also run now and then (every minute or so), since an
     * unanswered notice comes back after a rest; call it on the model's
     * thread.
     */
    public void reconsider() {
        if (snapshot == null || !snapshot.connected()) {
            return; // nothing is known for sure while the helper is away
        }
        if (!snapshot.targets().isEmpty()) {
            // Empty right after connecting, before the targets are read: that is no reason to forget.
            reminders.retainTargets(snapshot.targets().stream().map(TargetView::name).collect(Collectors.toSet()));
        }
        if (!allowed()) {
            withdrawAll();
            return;
        }
        for (TargetView target : snapshot.targets()) {
            consider(target);
        }
    }

    // ---- what the user does -----------------------------------------------------

    @Override
    public void invoked(Notice notice, NoticeAction action) {
        thread.execute(() -> act(notice, action));
    }

    @Override
    public void closed(Notice notice) {
        // Only if the slot still shows that notice: a replacement may already be on its way.
        thread.execute(() -> shown.remove(notice.target(), notice));
    }

    private void act(Notice notice, NoticeAction action) {
        String target = notice.target();
        LOG.log(Level.INFO, () -> "notifications: " + target + ": " + action.key());
        Instant now = clock.instant();
        switch (action) {
            case OPEN, DETAILS -> desktop.showTarget(target);
            case UPDATE, RETRY -> {
                withdraw(notice);
                if (desktop.askBeforeDownloading()) {
                    desktop.updateInWindow(target); // the window asks about the metered connection
                } else {
                    startedHere.add(target);
                    report(target, "update", model.update(target));
                }
            }
            case RESTART -> {
                withdraw(notice);
                startedHere.add(target);
                report(target, "restart", model.restart(target));
            }
            case LATER -> {
                Duration length = settings.postponeLength();
                reminders.postpone(target, notice.kind(), now, length);
                withdraw(notice);
                timer.after(length, this::reconsider);
            }
        }
    }

    /** A request refused outright (not authorized, helper gone) fails no job: say so here. */
    private void report(String target, String job, CompletableFuture<?> request) {
        request.whenComplete((ok, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                ErrorCode code = cause instanceof HelperException helper ? helper.code() : null;
                thread.execute(() -> failed(target, job, code, cause.getMessage()));
            }
        });
    }

    // ---- deciding -------------------------------------------------------------------

    private boolean allowed() {
        return !snapshot.paused() && settings.notificationsEnabled();
    }

    private void consider(TargetView target) {
        String name = target.name();
        Notice current = shown.get(name);
        if (target.job() != null) {
            // Being updated or rolled back: an offer or a restart request would be out of date.
            if (current != null && current.kind() != NoticeKind.UPDATED) {
                withdraw(name);
            }
            return;
        }
        if (target.updateAvailable()) {
            offer(target, current);
        } else {
            if (settled(target)) {
                reminders.resolved(name, NoticeKind.UPDATE_AVAILABLE);
            }
            if (current != null && current.kind() == NoticeKind.UPDATE_AVAILABLE) {
                withdraw(name); // installed meanwhile, e.g. from the command line
            }
            if (target.restartNeeded()) {
                askRestart(target, current);
            } else {
                reminders.resolved(name, NoticeKind.RESTART_NEEDED);
                if (current != null && current.kind() == NoticeKind.RESTART_NEEDED) {
                    withdraw(name);
                }
            }
        }
    }

    /**
     * Whether "nothing offered" is the helper's answer rather than "not
     * known yet" (never checked, or checking now): only then are the
     * postponements of an earlier offer forgotten.
     */
    private static boolean settled(TargetView target) {
        return target.target().lastCheck() != null && target.target().state() != TargetState.CHECKING;
    }

    private void offer(TargetView target, Notice current) {
        String version = target.target().available().version();
        boolean canUpdate = snapshot.permission(Action.UPDATE) != Permission.NO;
        Instant now = clock.instant();
        Reminders.Decision decision = reminders.due(target.name(), NoticeKind.UPDATE_AVAILABLE, version,
                target.critical(), now, settings.postponeLength());
        // Nagging someone who cannot install the update helps nobody.
        boolean persistent = canUpdate
                && reminders.overdue(target.name(), NoticeKind.UPDATE_AVAILABLE, target.critical(), now);
        if (showing(current, NoticeKind.UPDATE_AVAILABLE, version)) {
            if (persistent && !current.persistent()) {
                show(texts.updateAvailable(target, true, true)); // the deadline passed while it was up
            }
            return;
        }
        if (decision != Reminders.Decision.WAIT) {
            show(texts.updateAvailable(target, canUpdate, persistent));
        }
    }

    private void askRestart(TargetView target, Notice current) {
        String name = target.name();
        Instant now = clock.instant();
        Instant replaced = justReplaced.get(name);
        if (replaced != null) {
            if (now.isBefore(replaced.plus(RESTART_GRACE))) {
                return; // the helper's restart policy, or the program itself, is on it
            }
            // Processes that restart onto the new binary keep their pid: only a fresh
            // look by the helper tells who still runs the old one.
            justReplaced.remove(name);
            LOG.log(Level.INFO, () -> "notifications: " + name + ": asking the helper again who still runs the "
                    + "replaced binary");
            model.refresh();
            return;
        }
        String version = target.target().installed() == null ? null : target.target().installed().version();
        Reminders.Decision decision = reminders.due(name, NoticeKind.RESTART_NEEDED, version, false, now,
                settings.postponeLength());
        boolean canRestart = RestartPolicies.helperRestarts(target.target().restart());
        if (showing(current, NoticeKind.RESTART_NEEDED, version)) {
            if (decision == Reminders.Decision.SHOW_PERSISTENT && !current.persistent()) {
                show(texts.restartNeeded(name, version, target.target().processes(), canRestart, true));
            }
            return;
        }
        if (decision != Reminders.Decision.WAIT) {
            show(texts.restartNeeded(name, version, target.target().processes(), canRestart,
                    decision == Reminders.Decision.SHOW_PERSISTENT));
        }
    }

    private void finished(UpdatedEvent updated) {
        String target = updated.target();
        boolean mine = startedHere.remove(target);
        if (!updated.processes().isEmpty()) {
            justReplaced.put(target, clock.instant());
            timer.after(RESTART_GRACE, this::reconsider);
        }
        if (mine && !updated.rollback() && allowed()) {
            show(texts.updated(target, updated.from(), updated.to()));
        } else {
            reconsider();
        }
    }

    /** The restart policy was applied; what did not work is reported if the user asked for it here. */
    private void restarted(RestartedEvent restarted) {
        boolean mine = startedHere.remove(restarted.target());
        List<String> failures = restarted.results().stream().filter(r -> !r.ok()).map(RestartResult::message)
                .toList();
        if (mine && !failures.isEmpty()) {
            failed(restarted.target(), "restart", null, String.join("\n", failures), true);
        }
    }

    private void failed(String target, String job, ErrorCode code, String message) {
        failed(target, job, code, message, startedHere.remove(target));
    }

    private void failed(String target, String job, ErrorCode code, String message, boolean mine) {
        if (code == ErrorCode.CANCELLED || code == ErrorCode.UP_TO_DATE || snapshot == null || !allowed()) {
            return;
        }
        Instant now = clock.instant();
        if (!mine && !reminders.rateAllows(target, NoticeKind.FAILED, now)) {
            return;
        }
        String version = snapshot.target(target)
                .map(t -> t.target().available() != null ? t.target().available().version() : null).orElse(null);
        boolean canRetry = job.equals("update") && snapshot.permission(Action.UPDATE) != Permission.NO;
        show(texts.failed(target, job, version, message, canRetry));
    }

    // ---- the slots ------------------------------------------------------------------

    private static boolean showing(Notice current, NoticeKind kind, String version) {
        return current != null && current.kind() == kind && Objects.equals(current.version(), version);
    }

    private void show(Notice notice) {
        shown.put(notice.target(), notice);
        reminders.shown(notice.target(), notice.kind(), notice.version(), clock.instant());
        sink.show(notice);
    }

    private void withdraw(String target) {
        if (shown.remove(target) != null) {
            sink.withdraw(target);
        }
    }

    /** Withdraws {@code notice} if its slot still shows it (a persistent one stays after a button press). */
    private void withdraw(Notice notice) {
        if (shown.remove(notice.target(), notice)) {
            sink.withdraw(notice.target());
        }
    }

    private void withdrawAll() {
        for (String target : Set.copyOf(shown.keySet())) {
            withdraw(target);
        }
    }
}
