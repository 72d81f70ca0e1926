// Binds settings.fxml to the SettingsViewModel: a check box, one radio
// button per metered-connection policy, a choice of postpone lengths, and
// the administrator's check intervals as plain text.
package org.upswap.ui;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.upswap.app.MeteredPolicy;
import org.upswap.app.PostponeLength;

final class SettingsController {

    private final SettingsViewModel viewModel;
    private final Messages messages;

    @FXML private CheckBox notifications;
    @FXML private VBox meteredChoices;
    @FXML private Label postponeLabel;
    @FXML private ComboBox<PostponeLength> postpone;
    @FXML private VBox intervals;
    @FXML private Label error;
    /** The interval lines' position in {@link #intervals}, after its title and note. */
    private int intervalsStart;

    SettingsController(SettingsViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
    }

    @FXML
    private void initialize() {
        notifications.selectedProperty().bindBidirectional(viewModel.notificationsProperty());
        notifications.setAccessibleHelp(messages.get("settings.notifications.help"));

        ToggleGroup group = new ToggleGroup();
        for (MeteredPolicy policy : MeteredPolicy.values()) {
            RadioButton choice = new RadioButton(viewModel.label(policy));
            choice.setId("metered-" + policy.storedName());
            choice.setUserData(policy);
            choice.setToggleGroup(group);
            choice.setAccessibleHelp(messages.get("settings.metered"));
            meteredChoices.getChildren().add(choice);
        }
        selectMetered(group, viewModel.meteredProperty().get());
        viewModel.meteredProperty().addListener((obs, old, now) -> selectMetered(group, now));
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.meteredProperty().set((MeteredPolicy) now.getUserData());
            }
        });

        postpone.getItems().setAll(PostponeLength.values());
        postpone.setConverter(new StringConverter<>() {
            @Override
            public String toString(PostponeLength length) {
                return length == null ? "" : viewModel.label(length);
            }

            @Override
            public PostponeLength fromString(String text) {
                throw new UnsupportedOperationException("not editable");
            }
        });
        postpone.valueProperty().bindBidirectional(viewModel.postponeProperty());
        postponeLabel.setLabelFor(postpone);
        postpone.setAccessibleText(messages.get("settings.postpone"));

        intervalsStart = intervals.getChildren().size();
        showIntervals();
        viewModel.intervals().addListener((javafx.collections.ListChangeListener<String>) c -> showIntervals());

        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(Bindings.isNotEmpty(viewModel.errorProperty()));
        error.managedProperty().bind(error.visibleProperty());
    }

    private static void selectMetered(ToggleGroup group, MeteredPolicy policy) {
        group.getToggles().stream().filter(t -> t.getUserData() == policy).findFirst()
                .ifPresent(group::selectToggle);
    }

    private void showIntervals() {
        intervals.getChildren().remove(intervalsStart, intervals.getChildren().size());
        for (String line : viewModel.intervals()) {
            Label label = new Label(line);
            label.getStyleClass().add("interval");
            intervals.getChildren().add(label);
        }
    }
}
