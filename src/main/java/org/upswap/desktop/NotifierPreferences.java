// The user's settings as the notifier reads them.
package org.upswap.desktop;

import java.time.Duration;
import org.upswap.app.Settings;
import org.upswap.notify.NotifierSettings;

record NotifierPreferences(Settings settings) implements NotifierSettings {

    @Override
    public boolean notificationsEnabled() {
        return settings.notificationsEnabled();
    }

    @Override
    public Duration postponeLength() {
        return settings.postponeLength().duration();
    }
}
