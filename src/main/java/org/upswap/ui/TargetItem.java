// One row of the target list: the properties its cell shows. A row keeps
// its identity while its target changes, so the list's selection and focus
// stay put while a download ticks along.
package org.upswap.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.upswap.app.TargetView;

final class TargetItem {

    private final String name;
    private TargetView view;
    private final ReadOnlyStringWrapper versions = new ReadOnlyStringWrapper(this, "versions", "");
    private final ReadOnlyStringWrapper size = new ReadOnlyStringWrapper(this, "size", "");
    private final ReadOnlyStringWrapper line = new ReadOnlyStringWrapper(this, "line", "");
    private final ReadOnlyBooleanWrapper critical = new ReadOnlyBooleanWrapper(this, "critical");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<TargetText.Status> statusKind =
            new ReadOnlyObjectWrapper<>(this, "statusKind", TargetText.Status.UP_TO_DATE);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(this, "working");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyObjectWrapper<ActionState> update =
            new ReadOnlyObjectWrapper<>(this, "update", ActionState.HIDDEN);
    private final ReadOnlyStringWrapper accessibleText = new ReadOnlyStringWrapper(this, "accessibleText", "");

    TargetItem(String name) {
        this.name = name;
    }

    /** Shows {@code next}; {@code requested}: an update was asked for and not yet answered. */
    void show(TargetView next, boolean requested, ActionState updateState, TargetText text, Messages messages) {
        view = next;
        var t = next.target();
        versions.set(text.versionLine(t));
        size.set(t.available() == null ? "" : messages.size(t.available().size()));
        line.set(size.get().isEmpty() ? versions.get() : messages.get("list.versionsAndSize", versions.get(),
                size.get()));
        critical.set(next.critical());
        TargetText.Status kind = TargetText.status(next, requested);
        statusKind.set(kind);
        status.set(text.statusLine(next, requested));
        working.set(kind == TargetText.Status.WORKING);
        progress.set(next.job() == null || next.job().phase() == null ? -1 : next.job().fraction());
        update.set(updateState);
        accessibleText.set(messages.get(next.critical() ? "list.accessible.critical" : "list.accessible",
                name, versions.get(), status.get(), size.get()));
    }

    String name() {
        return name;
    }

    /** The target as last shown. */
    TargetView view() {
        return view;
    }

    ReadOnlyStringProperty versionsProperty() {
        return versions.getReadOnlyProperty();
    }

    ReadOnlyStringProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }

    /** Versions and download size in one line: "1.0.0 → 2.0.0 · 4.0 MiB". */
    ReadOnlyStringProperty lineProperty() {
        return line.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty criticalProperty() {
        return critical.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<TargetText.Status> statusKindProperty() {
        return statusKind.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the size of the work is not known. */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ActionState> updateProperty() {
        return update.getReadOnlyProperty();
    }

    /** The whole row in one sentence, for screen readers. */
    ReadOnlyStringProperty accessibleTextProperty() {
        return accessibleText.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return name; // what the list's type-ahead search and accessibility fall back to
    }
}
