// The desktop's picture of upswap, kept current from the helper: one
// reconnecting connection, subscribed to events, turned into immutable
// snapshots that the tray, the window and the notifications all draw from;
// and the actions they offer (check, update, roll back, cancel, restart,
// pause). No JavaFX here: views adapt snapshots to their own toolkit.
package org.upswap.app;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.upswap.client.ConnectionListener;
import org.upswap.client.ConnectionState;
import org.upswap.client.HelperConnection;
import org.upswap.client.Request;
import org.upswap.client.model.CheckResult;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.model.RestartStarted;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.StateEvent;
import org.upswap.client.model.Target;
import org.upswap.client.model.TargetList;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.Permission;

/**
 * Thread model: every change of the snapshot, and every listener call,
 * happens on {@code modelThread} (one task at a time, in order). Actions may
 * be called from any thread; their futures complete on the connection's
 * threads.
 */
public final class UpdatesModel implements AutoCloseable {

    private final HelperConnection connection;
    private final Executor modelThread;
    private final List<AppListener> listeners = new CopyOnWriteArrayList<>();
    private volatile AppSnapshot snapshot = AppSnapshot.initial();

    /** @param modelThread runs one task at a time (e.g. a single-thread executor) */
    public UpdatesModel(HelperConnection connection, Executor modelThread) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.modelThread = Objects.requireNonNull(modelThread, "modelThread");
    }

    public void addListener(AppListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AppListener listener) {
        listeners.remove(listener);
    }

    /** The current picture (any thread). */
    public AppSnapshot snapshot() {
        return snapshot;
    }

    /** Connects (and reconnects) in the background. */
    public void start() {
        connection.addListener(new ConnectionListener() {
            @Override
            public void onStateChanged(ConnectionState state) {
                modelThread.execute(() -> connectionChanged(state));
            }

            @Override
            public void onEvent(HelperEvent event) {
                modelThread.execute(() -> eventArrived(event));
            }
        });
        connection.subscribe();
        connection.start();
    }

    // ---- actions ------------------------------------------------------------

    /** Asks the helper to check every feed now. */
    public CompletableFuture<CheckResult> checkNow() {
        return connection.send(Request.check(null));
    }

    /** Installs the newest offered version of a target; completes with the job id. */
    public CompletableFuture<Long> update(String target) {
        return startJob(target, "update", connection.send(Request.update(target, null, false)).thenApply(j -> j.job()));
    }

    /** Updates every target that has something newer offered. */
    public CompletableFuture<List<Long>> updateAll() {
        List<CompletableFuture<Long>> jobs = new ArrayList<>();
        for (TargetView t : snapshot.withUpdates()) {
            jobs.add(update(t.name()));
        }
        return CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new))
                .thenApply(done -> jobs.stream().map(CompletableFuture::join).toList());
    }

    /** Puts back the previous binary of a target; completes with the job id. */
    public CompletableFuture<Long> rollback(String target) {
        return startJob(target, "rollback", connection.send(Request.rollback(target)).thenApply(j -> j.job()));
    }

    /** Cancels what runs or waits for a target. */
    public CompletableFuture<List<Long>> cancel(String target) {
        return connection.send(Request.cancel(target)).thenApply(r -> r.cancelled());
    }

    /** Applies the target's restart policy to processes still running its old binary. */
    public CompletableFuture<RestartStarted> restart(String target) {
        return connection.send(Request.restart(target));
    }

    /** Reads every target afresh (e.g. when the window opens: processes come and go). */
    public void refresh() {
        modelThread.execute(this::reloadTargets);
    }

    /** Pausing only silences upswap's own nudges (notifications); the helper keeps its schedule. */
    public void setPaused(boolean paused) {
        modelThread.execute(() -> publish(s -> new AppSnapshot(s.connected(), s.disconnectReason(), s.permissions(),
                s.targets(), paused), null));
    }

    @Override
    public void close() {
        connection.close();
    }

    // ---- keeping the snapshot -----------------------------------------------

    private CompletableFuture<Long> startJob(String target, String kind, CompletableFuture<Long> reply) {
        return reply.thenApply(id -> {
            modelThread.execute(() -> withJob(target, t -> t.job() == null || t.job().id() != id
                    ? new TargetView(t.target(), new JobView(id, kind, null, 0, 0, 0)) : t));
            return id;
        });
    }

    private void connectionChanged(ConnectionState state) {
        if (state instanceof ConnectionState.Connected up) {
            Map<Action, Permission> permissions = new EnumMap<>(Action.class);
            permissions.putAll(up.hello().actions());
            publish(s -> new AppSnapshot(true, null, permissions, s.targets(), s.paused()), null);
            reloadTargets();
        } else if (state instanceof ConnectionState.Disconnected down) {
            // Jobs are the helper's: while it is away, nothing is known to run.
            publish(s -> new AppSnapshot(false, down.reason(), s.permissions(),
                    s.targets().stream().map(t -> new TargetView(t.target(), null)).toList(), s.paused()), null);
        }
    }

    private void reloadTargets() {
        if (!snapshot.connected()) {
            return;
        }
        connection.send(Request.listTargets()).whenComplete((list, failure) -> {
            if (list != null) {
                modelThread.execute(() -> replaceTargets(list));
            }
        });
    }

    private void replaceTargets(TargetList list) {
        publish(s -> {
            List<TargetView> views = new ArrayList<>();
            for (Target t : list.targets()) {
                JobView job = s.target(t.name()).map(TargetView::job).orElse(null);
                views.add(new TargetView(t, job));
            }
            return new AppSnapshot(s.connected(), s.disconnectReason(), s.permissions(), views, s.paused());
        }, null);
    }

    private void eventArrived(HelperEvent event) {
        if (event instanceof StateEvent e) {
            publish(s -> withTarget(s, e.target()), event);
        } else if (event instanceof ProgressEvent e) {
            publish(s -> mapTarget(s, e.target(), t -> new TargetView(t.target(),
                    (t.job() != null ? t.job() : new JobView(e.job(), "update", null, 0, 0, 0))
                            .withProgress(e.phase(), e.done(), e.total(), e.rate()))), event);
        } else if (event instanceof UpdatedEvent e) {
            publish(s -> endJob(s, e.target(), e.job()), event);
        } else if (event instanceof ErrorEvent e) {
            publish(s -> e.job() == null ? s : endJob(s, e.target(), e.job()), event);
        } else if (event instanceof RestartedEvent) {
            publish(s -> s, event);
            reloadTargets(); // which processes remain is the helper's to say
        } else {
            publish(s -> s, event);
        }
    }

    private static AppSnapshot withTarget(AppSnapshot s, Target target) {
        List<TargetView> views = new ArrayList<>();
        boolean found = false;
        for (TargetView t : s.targets()) {
            if (t.name().equals(target.name())) {
                views.add(new TargetView(target, t.job()));
                found = true;
            } else {
                views.add(t);
            }
        }
        if (!found) {
            views.add(new TargetView(target, null));
        }
        return new AppSnapshot(s.connected(), s.disconnectReason(), s.permissions(), views, s.paused());
    }

    private static AppSnapshot mapTarget(AppSnapshot s, String name, UnaryOperator<TargetView> change) {
        List<TargetView> views = s.targets().stream().map(t -> t.name().equals(name) ? change.apply(t) : t).toList();
        return new AppSnapshot(s.connected(), s.disconnectReason(), s.permissions(), views, s.paused());
    }

    private static AppSnapshot endJob(AppSnapshot s, String name, long job) {
        return mapTarget(s, name, t -> t.job() != null && t.job().id() == job ? new TargetView(t.target(), null) : t);
    }

    private void withJob(String target, UnaryOperator<TargetView> change) {
        publish(s -> mapTarget(s, target, change), null);
    }

    /** Applies a change on the model thread and tells everyone. */
    private void publish(UnaryOperator<AppSnapshot> change, HelperEvent cause) {
        AppSnapshot next = change.apply(snapshot);
        boolean changed = !next.equals(snapshot);
        snapshot = next;
        for (AppListener l : listeners) {
            if (changed) {
                l.changed(next);
            }
            if (cause != null) {
                l.event(cause, next);
            }
        }
    }
}
