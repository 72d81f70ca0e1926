// The CLI's user-facing text, from org/upswap/cli/messages.properties (the
// same bundle picocli reads for --help). Numbers are passed as text so that
// job ids and sizes never get locale grouping ("job 1,234").
package org.upswap.cli.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

public final class Messages {

    public static final String BUNDLE = "org.upswap.cli.messages";

    private static final ResourceBundle MESSAGES = ResourceBundle.getBundle(BUNDLE);

    private Messages() {
    }

    /** The message {@code key} with {@code args} filled in (MessageFormat syntax). */
    public static String get(String key, Object... args) {
        return format(MESSAGES.getString(key), args);
    }

    /** Like {@link #get}, for keys that exist only for some values (e.g. hints per error code). */
    public static Optional<String> optional(String key, Object... args) {
        try {
            return Optional.of(format(MESSAGES.getString(key), args));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    private static String format(String pattern, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = args[i] == null ? "" : args[i].toString();
        }
        return new MessageFormat(pattern, Locale.ROOT).format(texts);
    }
}
