// The desktop app's texts for people, from org/upswap/desktop/messages.properties.
package org.upswap.desktop;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

final class DesktopMessages {

    private static final ResourceBundle MESSAGES = ResourceBundle.getBundle(DesktopOptions.BUNDLE);

    private DesktopMessages() {
    }

    static String get(String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(MESSAGES.getString(key), Locale.ROOT).format(texts);
    }
}
