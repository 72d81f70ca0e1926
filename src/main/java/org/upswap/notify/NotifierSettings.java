// The two user settings the notifier obeys, read anew at every decision so a
// change in the settings window takes effect at once.
package org.upswap.notify;

import java.time.Duration;

public interface NotifierSettings {

    boolean notificationsEnabled();

    /** How long "Later" keeps a reminder away. */
    Duration postponeLength();
}
