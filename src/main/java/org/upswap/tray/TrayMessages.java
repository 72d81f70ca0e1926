// The tray's user-facing text, from org/upswap/tray/messages.properties.
package org.upswap.tray;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

final class TrayMessages {

    static final String BUNDLE = "org.upswap.tray.messages";

    private static final ResourceBundle MESSAGES = ResourceBundle.getBundle(BUNDLE);

    private TrayMessages() {
    }

    /** The message {@code key} with {@code args} filled in (MessageFormat syntax, the default locale). */
    static String get(String key, Object... args) {
        return new MessageFormat(MESSAGES.getString(key), Locale.getDefault()).format(args);
    }
}
