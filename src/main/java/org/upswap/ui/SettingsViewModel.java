// The settings dialog's state: the user's own preferences, edited here and
// stored only on Save, and the check interval of each program, which the
// administrator sets and the dialog only shows.
package org.upswap.ui;

import java.io.IOException;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.upswap.app.AppSnapshot;
import org.upswap.app.MeteredPolicy;
import org.upswap.app.PostponeLength;
import org.upswap.app.Settings;
import org.upswap.app.TargetView;

final class SettingsViewModel {

    private final Settings settings;
    private final Messages messages;
    private final BooleanProperty notifications = new SimpleBooleanProperty(this, "notifications");
    private final ObjectProperty<MeteredPolicy> metered = new SimpleObjectProperty<>(this, "metered");
    private final ObjectProperty<PostponeLength> postpone = new SimpleObjectProperty<>(this, "postpone");
    private final ObservableList<String> intervals = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    SettingsViewModel(Settings settings, Messages messages) {
        this.settings = settings;
        this.messages = messages;
    }

    /** Starts an edit from what is stored, with the intervals {@code snapshot} reports. */
    void load(AppSnapshot snapshot) {
        Settings.Values v = settings.values();
        notifications.set(v.notificationsEnabled());
        metered.set(v.meteredPolicy());
        postpone.set(v.postponeLength());
        error.set("");
        List<String> lines = snapshot.targets().stream().map(this::interval).toList();
        intervals.setAll(lines.isEmpty() ? List.of(messages.get("settings.intervals.none")) : lines);
    }

    /** Stores the edit; false (with {@link #errorProperty()} set) if it could not be written. */
    boolean save() {
        try {
            settings.update(new Settings.Values(notifications.get(), metered.get(), postpone.get()));
            error.set("");
            return true;
        } catch (IOException e) {
            error.set(messages.get("settings.saveFailed", settings.file(), e.getMessage()));
            return false;
        }
    }

    private String interval(TargetView t) {
        long seconds = t.target().interval();
        return seconds > 0 ? messages.get("settings.intervals.row", t.name(), messages.duration(seconds))
                : messages.get("settings.intervals.rowNone", t.name());
    }

    String label(MeteredPolicy policy) {
        return messages.get("settings.metered." + policy.storedName());
    }

    String label(PostponeLength length) {
        return messages.get("settings.postpone." + length.storedName());
    }

    BooleanProperty notificationsProperty() {
        return notifications;
    }

    ObjectProperty<MeteredPolicy> meteredProperty() {
        return metered;
    }

    ObjectProperty<PostponeLength> postponeProperty() {
        return postpone;
    }

    /** One line per program: how often the helper checks it. */
    ObservableList<String> intervals() {
        return intervals;
    }

    /** Why the last save failed; empty if it did not. */
    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
