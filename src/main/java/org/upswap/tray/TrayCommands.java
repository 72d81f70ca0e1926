// What the tray's menu entries and clicks do: model actions for what
// reaches the helper, DesktopActions for what the rest of the app shows.
// Runs on the tray thread. A refused or failed request is logged only: its
// outcome reaches the user through the model (the error state, the icon,
// the notifications), not through the menu.
package org.upswap.tray;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.upswap.app.DesktopActions;
import org.upswap.app.UpdatesModel;

final class TrayCommands {

    private static final Logger LOG = System.getLogger(TrayCommands.class.getName());

    private final UpdatesModel model;
    private final DesktopActions actions;

    TrayCommands(UpdatesModel model, DesktopActions actions) {
        this.model = model;
        this.actions = actions;
    }

    void run(MenuCommand command) {
        switch (command) {
            case CHECK_NOW -> logFailure("check now", model.checkNow());
            case SHOW_UPDATES -> actions.showUpdates();
            case UPDATE_ALL -> {
                if (actions.askBeforeDownloading()) {
                    actions.updateInWindow(null); // the window asks about the metered connection
                } else {
                    logFailure("update all", model.updateAll());
                }
            }
            case PAUSE -> model.setPaused(true);
            case RESUME -> model.setPaused(false);
            case SETTINGS -> actions.showSettings();
            case QUIT -> actions.quit();
        }
    }

    private static void logFailure(String what, CompletableFuture<?> request) {
        request.whenComplete((result, failure) -> {
            if (failure != null) {
                Throwable why = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                LOG.log(Level.WARNING, () -> "tray: " + what + " failed: " + why.getMessage());
            }
        });
    }
}
