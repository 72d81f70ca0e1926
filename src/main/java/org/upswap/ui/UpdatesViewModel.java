// The update window's state: the target list, the selected target's details,
// the offline banner, the notice bar and the header's actions, all as JavaFX
// properties; and the actions themselves, whose answers come back as
// notices. Runs on the JavaFX Application Thread (or a test's thread): it is
// fed snapshots and events there, and hands every answer from the model back
// there through {@code uiThread}.
package org.upswap.ui;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.upswap.app.AppSnapshot;
import org.upswap.app.DownloadGate;
import org.upswap.app.JobView;
import org.upswap.app.TargetView;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.RestartResult;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;

final class UpdatesViewModel {

    /**
     * The question before downloading on a metered connection; "Download"
     * carries on with what was asked for, anything else drops it.
     */
    record MeteredQuestion(String header, String body, String confirm, String decline) {
    }

    /** The model's wording while it has not tried to connect yet: nothing has gone wrong so far. */
    private static final String NOT_CONNECTED_YET = "not connected yet";

    private final UpdateActions actions;
    private final Messages messages;
    private final Executor uiThread;
    private final TargetText text;
    private final FailureText failures;
    private final ActionRules rules;
    private final TargetDetailsViewModel details;

    private final ObservableList<TargetItem> targets = FXCollections.observableArrayList();
    private final ObservableList<TargetItem> targetsView = FXCollections.unmodifiableObservableList(targets);
    private final ObjectProperty<TargetItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper bannerVisible = new ReadOnlyBooleanWrapper(this, "bannerVisible");
    private final ReadOnlyStringWrapper bannerTitle = new ReadOnlyStringWrapper(this, "bannerTitle", "");
    private final ReadOnlyStringWrapper bannerDetail = new ReadOnlyStringWrapper(this, "bannerDetail", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<ActionState> updateAll =
            new ReadOnlyObjectWrapper<>(this, "updateAll", ActionState.HIDDEN);
    private final ReadOnlyObjectWrapper<ActionState> checkNow =
            new ReadOnlyObjectWrapper<>(this, "checkNow", ActionState.HIDDEN);
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<MeteredQuestion> meteredQuestion =
            new ReadOnlyObjectWrapper<>(this, "meteredQuestion");
    private final DownloadGate gate;
    /** What the metered question, while it is open, would go on with. */
    private Runnable pendingDownload;

    private AppSnapshot snapshot;
    /** Targets whose update or rollback was asked for and not answered yet (polkit may be asking). */
    private final Set<String> requested = new HashSet<>();
    /** What each job seen was (update or rollback), to word its outcome. */
    private final Map<Long, String> jobKinds = new HashMap<>();

    /**
     * @param uiThread runs the answers to actions on the thread this view model lives on
     * @param userId this user's uid (restarting one's own processes needs no permission)
     */
    UpdatesViewModel(UpdateActions actions, Messages messages, Executor uiThread, Clock clock, long userId) {
        this(actions, messages, uiThread, clock, userId, DownloadGate.OPEN);
    }

    /** @param gate whether downloads must be confirmed first (a metered connection) */
    UpdatesViewModel(UpdateActions actions, Messages messages, Executor uiThread, Clock clock, long userId,
                     DownloadGate gate) {
        this.gate = gate;
        this.actions = actions;
        this.messages = messages;
        this.uiThread = uiThread;
        this.text = new TargetText(messages);
        this.failures = new FailureText(messages);
        this.rules = new ActionRules(messages, userId);
        this.details = new TargetDetailsViewModel(messages, rules, clock, userId);
        selected.addListener((obs, old, now) -> showDetails());
    }

    // ---- fed by the model (on the UI thread) ---------------------------------

    /** Shows {@code next}: the whole picture replaces the previous one. */
    void apply(AppSnapshot next) {
        snapshot = next;
        for (TargetView t : next.targets()) {
            if (t.job() != null) {
                jobKinds.put(t.job().id(), t.job().kind());
            }
        }
        showBanner(next);
        showTargets(next);
        summary.set(summary(next));
        updateAll.set(rules.updateAll(next, requested));
        checkNow.set(rules.checkNow(next));
        showDetails();
    }

    /** Turns the outcome of a job (whoever started it) into a notice. */
    void handle(HelperEvent event) {
        if (event instanceof UpdatedEvent e) {
            String kind = e.rollback() ? "notice.rolledBack" : "notice.updated";
            String version = e.to() == null ? messages.get("version.unknown") : e.to();
            String restart = e.processes().isEmpty() ? "" : " " + messages.get("notice.restartNeeded",
                    e.processes().size());
            post(Notice.Kind.SUCCESS, messages.get(kind, e.target(), version) + restart);
        } else if (event instanceof ErrorEvent e && e.job() != null) {
            String target = e.target() == null ? "" : e.target();
            boolean rollback = "rollback".equals(jobKinds.get(e.job()));
            if (e.code() == ErrorCode.CANCELLED) {
                post(Notice.Kind.INFO, messages.get(rollback ? "notice.rollbackCancelled" : "notice.cancelled",
                        target));
            } else if (e.code() == ErrorCode.UP_TO_DATE) {
                post(Notice.Kind.INFO, messages.get("notice.upToDate", target));
            } else {
                post(Notice.Kind.ERROR, messages.get(rollback ? "notice.rollbackFailed" : "notice.updateFailed",
                        target, failures.reason(e)));
            }
            jobKinds.remove(e.job());
        } else if (event instanceof RestartedEvent e) {
            long failed = e.results().stream().filter(r -> !r.ok()).count();
            if (failed == 0) {
                post(Notice.Kind.SUCCESS, messages.get("notice.restarted", e.target(), e.results().size()));
            } else {
                String why = e.results().stream().filter(r -> !r.ok()).map(RestartResult::message)
                        .findFirst().orElse("");
                post(Notice.Kind.ERROR, messages.get("notice.restartFailed", e.target(), failed, why));
            }
        }
    }

    // ---- actions (from the view) ---------------------------------------------

    /** Called when the window opens: processes and last checks may have changed meanwhile. */
    void opened() {
        actions.refresh();
    }

    void select(String name) {
        targets.stream().filter(t -> t.name().equals(name)).findFirst().ifPresent(selected::set);
    }

    /** Enter in the list, or the details' Update button. */
    void updateSelected() {
        TargetItem item = selected.get();
        if (item != null && details.updateProperty().get().enabled()) {
            update(item.name());
        }
    }

    void update(String name) {
        TargetView view = snapshot == null ? null : snapshot.target(name).orElse(null);
        String body = view == null || view.target().available() == null ? messages.get("metered.bodyUnknown", name)
                : meteredBody(view);
        askIfMetered(body, () -> requestJob(name, () -> actions.update(name), "failure.update"));
    }

    void updateAll() {
        if (!updateAll.get().enabled()) {
            return;
        }
        List<TargetView> updates = snapshot.withUpdates();
        long bytes = updates.stream().mapToLong(t -> t.target().available().size()).sum();
        askIfMetered(updates.size() == 1 ? meteredBody(updates.get(0))
                : messages.get("metered.bodyMany", updates.size(), messages.size(bytes)), this::startUpdateAll);
    }

    /** The answer to the metered question: true downloads what was asked for. */
    void answerMeteredQuestion(boolean download) {
        Runnable pending = pendingDownload;
        pendingDownload = null;
        meteredQuestion.set(null);
        if (download && pending != null) {
            pending.run();
        }
    }

    ReadOnlyObjectProperty<MeteredQuestion> meteredQuestionProperty() {
        return meteredQuestion.getReadOnlyProperty();
    }

    /** "Updating demo to 2.0.0 downloads 4.0 MiB", for a target with an update. */
    private String meteredBody(TargetView view) {
        var available = view.target().available();
        return messages.get("metered.bodyOne", view.name(), available.version(), messages.size(available.size()));
    }

    /** Runs {@code download} now, or once the user says yes if the connection is metered. */
    private void askIfMetered(String body, Runnable download) {
        if (!gate.askFirst()) {
            download.run();
            return;
        }
        if (pendingDownload != null) {
            return; // the question is already open
        }
        pendingDownload = download;
        meteredQuestion.set(new MeteredQuestion(messages.get("metered.header"), body,
                messages.get("metered.confirm"), messages.get("metered.decline")));
    }

    private void startUpdateAll() {
        if (!updateAll.get().enabled()) {
            return; // the picture changed while the question was open
        }
        List<String> names = snapshot.withUpdates().stream().map(TargetView::name).toList();
        requested.addAll(names);
        refreshView();
        answer(actions.updateAll(), () -> {
            requested.removeAll(names);
            refreshView();
        }, "failure.updateAll", "");
    }

    /** Rolls back {@code name} if it is still the selected target and may be rolled back (after the question). */
    void rollback(String name) {
        TargetItem item = selected.get();
        if (item != null && item.name().equals(name) && details.rollbackProperty().get().enabled()) {
            requestJob(name, () -> actions.rollback(name), "failure.rollback");
        }
    }

    void cancelSelected() {
        TargetItem item = selected.get();
        if (item != null && details.cancelProperty().get().enabled()) {
            answer(actions.cancel(item.name()), () -> { }, "failure.cancel", item.name());
        }
    }

    void restartSelected() {
        TargetItem item = selected.get();
        if (item != null && details.restartProperty().get().enabled()) {
            answer(actions.restart(item.name()), () -> { }, "failure.restart", item.name());
        }
    }

    void checkNow() {
        if (checkNow.get().enabled()) {
            answer(actions.checkNow(), () -> { }, "failure.check", "");
        }
    }

    /** The question to ask before rolling back the selected target, or null if it has nothing to go back to. */
    TargetDetailsViewModel.RollbackQuestion rollbackQuestion() {
        TargetItem item = selected.get();
        return item == null ? null : details.rollbackQuestion(item.view());
    }

    void dismissNotice() {
        notice.set(null);
    }

    private void requestJob(String name, Supplier<CompletableFuture<?>> request, String failureKey) {
        if (!requested.add(name)) {
            return; // already asked; polkit may be waiting for a password
        }
        refreshView();
        answer(request.get(), () -> {
            requested.remove(name);
            refreshView();
        }, failureKey, name);
    }

    /** Runs {@code done} when the answer is in, and turns a refusal into a notice, on the UI thread. */
    private void answer(CompletableFuture<?> reply, Runnable done, String failureKey, String target) {
        reply.whenCompleteAsync((result, failure) -> {
            done.run();
            if (failure != null) {
                post(Notice.Kind.ERROR, messages.get(failureKey, target, failures.reason(failure)));
            }
        }, uiThread);
    }

    private void post(Notice.Kind kind, String text) {
        notice.set(new Notice(kind, text));
    }

    // ---- drawing the snapshot ------------------------------------------------

    private void refreshView() {
        if (snapshot != null) {
            apply(snapshot);
        }
    }

    private void showBanner(AppSnapshot s) {
        boolean connecting = !s.connected() && NOT_CONNECTED_YET.equals(s.disconnectReason());
        bannerVisible.set(!s.connected() && !connecting);
        bannerTitle.set(messages.get("banner.title"));
        bannerDetail.set(s.connected() || connecting ? ""
                : messages.get("banner.detail", s.disconnectReason() == null ? "" : s.disconnectReason()));
    }

    private void showTargets(AppSnapshot s) {
        Map<String, TargetItem> existing = new LinkedHashMap<>();
        targets.forEach(t -> existing.put(t.name(), t));
        List<TargetItem> next = s.targets().stream()
                .map(t -> existing.getOrDefault(t.name(), new TargetItem(t.name()))).toList();
        for (int i = 0; i < next.size(); i++) {
            TargetView view = s.targets().get(i);
            boolean asked = requested.contains(view.name());
            next.get(i).show(view, asked, rules.update(view, s, asked), text, messages);
        }
        if (!next.equals(targets)) {
            TargetItem keep = selected.get();
            targets.setAll(next);
            selected.set(keep != null && next.contains(keep) ? keep : preferred(next));
        } else if (selected.get() == null && !next.isEmpty()) {
            selected.set(preferred(next));
        }
    }

    /** The first target with an update, else the first target. */
    private static TargetItem preferred(List<TargetItem> items) {
        return items.stream().filter(t -> t.view().updateAvailable()).findFirst()
                .orElse(items.isEmpty() ? null : items.get(0));
    }

    private String summary(AppSnapshot s) {
        if (!s.connected()) {
            return messages.get(NOT_CONNECTED_YET.equals(s.disconnectReason()) ? "summary.connecting"
                    : "summary.offline");
        }
        if (s.targets().isEmpty()) {
            return messages.get("summary.noTargets");
        }
        var running = s.current();
        if (running.isPresent()) {
            JobView job = running.get().job();
            return messages.get("rollback".equals(job.kind()) ? "summary.rollingBack" : "summary.updating",
                    running.get().name());
        }
        int updates = s.withUpdates().size();
        return updates == 0 ? messages.get("summary.upToDate") : messages.get("summary.updates", updates);
    }

    private void showDetails() {
        TargetItem item = selected.get();
        if (item == null || snapshot == null) {
            details.clear();
            return;
        }
        snapshot.target(item.name()).ifPresentOrElse(
                view -> details.show(view, snapshot, requested.contains(view.name())), details::clear);
    }

    // ---- properties ----------------------------------------------------------

    ObservableList<TargetItem> targets() {
        return targetsView;
    }

    /** The selected row; the list writes it, the details follow it. */
    ObjectProperty<TargetItem> selectedProperty() {
        return selected;
    }

    TargetDetailsViewModel details() {
        return details;
    }

    ReadOnlyBooleanProperty bannerVisibleProperty() {
        return bannerVisible.getReadOnlyProperty();
    }

    ReadOnlyStringProperty bannerTitleProperty() {
        return bannerTitle.getReadOnlyProperty();
    }

    /** What happened and what to do about it. */
    ReadOnlyStringProperty bannerDetailProperty() {
        return bannerDetail.getReadOnlyProperty();
    }

    ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ActionState> updateAllProperty() {
        return updateAll.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ActionState> checkNowProperty() {
        return checkNow.getReadOnlyProperty();
    }

    /** The last outcome worth telling, or null. */
    ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
