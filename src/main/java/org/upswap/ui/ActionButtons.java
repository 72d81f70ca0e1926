// Keeps a button in step with an ActionState: shown or not, enabled or not,
// the shield when polkit will ask for a password, and a tooltip and
// accessible help that say why.
package org.upswap.ui;

import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

final class ActionButtons {

    private static final PseudoClass SHIELDED = PseudoClass.getPseudoClass("shielded");

    private ActionButtons() {
    }

    /**
     * Binds {@code button} (already in its parent pane) to {@code state}.
     * JavaFX shows no tooltip on a disabled control, yet "why can't I?" is
     * what a disabled action's tooltip answers; so the button is put in a
     * small host pane that carries the tooltip instead.
     */
    static void bind(Button button, ObservableValue<ActionState> state) {
        StackPane host = new StackPane();
        host.getStyleClass().add("action-host");
        if (button.getParent() instanceof Pane parent) {
            int index = parent.getChildren().indexOf(button);
            parent.getChildren().set(index, host);
        }
        host.getChildren().add(button);
        host.visibleProperty().bind(button.visibleProperty());
        host.managedProperty().bind(button.visibleProperty());
        show(button, host, state.getValue());
        state.addListener((obs, old, now) -> show(button, host, now));
    }

    private static void show(Button button, StackPane host, ActionState state) {
        button.setVisible(state.visible());
        button.setDisable(!state.enabled());
        button.setGraphic(state.shield() ? Glyphs.shield() : null);
        button.pseudoClassStateChanged(SHIELDED, state.shield());
        Tooltip old = (Tooltip) host.getProperties().get(Tooltip.class);
        if (old != null) {
            Tooltip.uninstall(host, old);
            host.getProperties().remove(Tooltip.class);
        }
        if (!state.tooltip().isEmpty()) {
            Tooltip tip = new Tooltip(state.tooltip());
            tip.setShowDelay(Duration.millis(300));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            Tooltip.install(host, tip);
            host.getProperties().put(Tooltip.class, tip);
        }
        button.setAccessibleHelp(state.tooltip());
    }

    /** The tooltip shown for {@code button}'s action, or null (for tests and accessibility checks). */
    static Tooltip tooltipOf(Button button) {
        return button.getParent() == null ? null : (Tooltip) button.getParent().getProperties().get(Tooltip.class);
    }
}
