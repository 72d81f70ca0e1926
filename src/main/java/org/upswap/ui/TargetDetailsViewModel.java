// The details pane: everything the protocol tells about the selected target
// (release notes, rollback target, last check and error, processes still
// running the old binary) and the actions for it, with a running job's
// progress.
package org.upswap.ui;

import java.time.Clock;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.upswap.app.AppSnapshot;
import org.upswap.app.JobView;
import org.upswap.app.TargetView;
import org.upswap.client.model.Previous;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.model.Target;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.Permission;

final class TargetDetailsViewModel {

    /** A process still running the replaced binary, as the table shows it. */
    record ProcessRow(String pid, String user, String command) {
    }

    /** What the roll-back confirmation asks, naming the version it restores. */
    record RollbackQuestion(String target, String header, String body, String confirm) {
    }

    private final Messages messages;
    private final TargetText text;
    private final FailureText failures;
    private final ActionRules rules;
    private final Clock clock;
    private final long userId;

    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper(this, "present");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper path = new ReadOnlyStringWrapper(this, "path", "");
    private final ReadOnlyStringWrapper installed = new ReadOnlyStringWrapper(this, "installed", "");
    private final ReadOnlyStringWrapper available = new ReadOnlyStringWrapper(this, "available", "");
    private final ReadOnlyBooleanWrapper critical = new ReadOnlyBooleanWrapper(this, "critical");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper(this, "notes", "");
    private final ReadOnlyStringWrapper previous = new ReadOnlyStringWrapper(this, "previous", "");
    private final ReadOnlyStringWrapper lastCheck = new ReadOnlyStringWrapper(this, "lastCheck", "");
    private final ReadOnlyStringWrapper interval = new ReadOnlyStringWrapper(this, "interval", "");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError", "");
    private final ReadOnlyStringWrapper processesSummary = new ReadOnlyStringWrapper(this, "processesSummary", "");
    private final ObservableList<ProcessRow> processes = FXCollections.observableArrayList();
    private final ObservableList<ProcessRow> processesView = FXCollections.unmodifiableObservableList(processes);
    private final ReadOnlyBooleanWrapper jobVisible = new ReadOnlyBooleanWrapper(this, "jobVisible");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "");
    private final ReadOnlyObjectWrapper<ActionState> update = action("update");
    private final ReadOnlyObjectWrapper<ActionState> rollback = action("rollback");
    private final ReadOnlyObjectWrapper<ActionState> cancel = action("cancel");
    private final ReadOnlyObjectWrapper<ActionState> restart = action("restart");

    TargetDetailsViewModel(Messages messages, ActionRules rules, Clock clock, long userId) {
        this.messages = messages;
        this.text = new TargetText(messages);
        this.failures = new FailureText(messages);
        this.rules = rules;
        this.clock = clock;
        this.userId = userId;
    }

    /** Shows {@code view}; {@code requested}: an update or rollback was asked for and not answered yet. */
    void show(TargetView view, AppSnapshot snapshot, boolean requested) {
        Target t = view.target();
        present.set(true);
        name.set(t.name());
        path.set(t.path());
        installed.set(text.installed(t));
        available.set(text.available(t));
        critical.set(view.critical());
        status.set(text.statusLine(view, requested));
        notes.set(t.available() == null ? "" : t.available().notes().strip());
        previous.set(previous(t.previous()));
        lastCheck.set(t.lastCheck() == null ? messages.get("details.never")
                : messages.dateTime(Instant.ofEpochSecond(t.lastCheck()), clock.getZone()));
        interval.set(t.interval() > 0 ? messages.get("details.interval.every", messages.duration(t.interval()))
                : messages.get("details.interval.none"));
        lastError.set(t.lastError() == null ? "" : failures.reason(t.lastError()));
        showProcesses(view);
        showJob(view.job(), requested, requested && view.job() == null
                && snapshot.permission(Action.UPDATE) == Permission.AUTH);
        update.set(rules.update(view, snapshot, requested));
        rollback.set(rules.rollback(view, snapshot, requested));
        cancel.set(rules.cancel(view, snapshot));
        restart.set(rules.restart(view, snapshot));
    }

    /** Nothing selected (or the target went away). */
    void clear() {
        present.set(false);
        name.set("");
        processes.clear();
        jobVisible.set(false);
        update.set(ActionState.HIDDEN);
        rollback.set(ActionState.HIDDEN);
        cancel.set(ActionState.HIDDEN);
        restart.set(ActionState.HIDDEN);
    }

    /** The question to ask before rolling back, or null when there is nothing to roll back to. */
    RollbackQuestion rollbackQuestion(TargetView view) {
        Previous p = view.target().previous();
        if (p == null) {
            return null;
        }
        String target = view.name();
        String version = p.version() == null ? messages.get("version.unknownPrevious") : p.version();
        return new RollbackQuestion(target, messages.get("rollback.header", target, version),
                messages.get("rollback.body", text.installed(view.target()), version),
                messages.get("rollback.confirm", version));
    }

    private String previous(Previous p) {
        if (p == null) {
            return messages.get("details.previous.none");
        }
        return p.version() == null ? messages.get("version.unknownPrevious") : p.version();
    }

    private void showProcesses(TargetView view) {
        var list = view.target().processes();
        processes.setAll(list.stream().map(this::row).toList());
        if (list.isEmpty()) {
            processesSummary.set("");
        } else {
            String how = ActionRules.hasRestartPolicy(view) ? "details.processes.restartable"
                    : "details.processes.manual";
            processesSummary.set(messages.get(how, list.size(), text.installed(view.target())));
        }
    }

    private ProcessRow row(ProcessInfo p) {
        String user = p.uid() == userId ? messages.get("details.processes.you") : Long.toString(p.uid());
        return new ProcessRow(Long.toString(p.pid()), user, p.command());
    }

    private void showJob(JobView job, boolean requested, boolean awaitingPermission) {
        jobVisible.set(job != null || requested);
        progress.set(job == null || job.phase() == null ? -1 : job.fraction());
        progressText.set(job != null || requested ? text.progress(job, awaitingPermission) : "");
        rateText.set(text.rate(job));
    }

    private ReadOnlyObjectWrapper<ActionState> action(String property) {
        return new ReadOnlyObjectWrapper<>(this, property, ActionState.HIDDEN);
    }

    ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    ReadOnlyStringProperty pathProperty() {
        return path.getReadOnlyProperty();
    }

    ReadOnlyStringProperty installedProperty() {
        return installed.getReadOnlyProperty();
    }

    ReadOnlyStringProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty criticalProperty() {
        return critical.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The available release's notes; empty when nothing newer is offered. */
    ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** The version a rollback would restore. */
    ReadOnlyStringProperty previousProperty() {
        return previous.getReadOnlyProperty();
    }

    ReadOnlyStringProperty lastCheckProperty() {
        return lastCheck.getReadOnlyProperty();
    }

    ReadOnlyStringProperty intervalProperty() {
        return interval.getReadOnlyProperty();
    }

    /** Why the last check or job failed; empty when it did not. */
    ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    ReadOnlyStringProperty processesSummaryProperty() {
        return processesSummary.getReadOnlyProperty();
    }

    ObservableList<ProcessRow> processes() {
        return processesView;
    }

    ReadOnlyBooleanProperty jobVisibleProperty() {
        return jobVisible.getReadOnlyProperty();
    }

    /** 0..1, or -1 (indeterminate) while the size of the work is not known. */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ActionState> updateProperty() {
        return update.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ActionState> rollbackProperty() {
        return rollback.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ActionState> cancelProperty() {
        return cancel.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ActionState> restartProperty() {
        return restart.getReadOnlyProperty();
    }
}
