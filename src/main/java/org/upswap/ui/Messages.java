// The window's text: the org/upswap/ui/messages bundle, and numbers, sizes,
// rates, times and durations as people read them in the bundle's language.
package org.upswap.ui;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

final class Messages {

    static final String BUNDLE = "org.upswap.ui.messages";

    private static final String[] SIZE_KEYS = {"unit.bytes", "unit.kib", "unit.mib", "unit.gib", "unit.tib"};

    private final ResourceBundle bundle;
    private final Locale locale;

    Messages(ResourceBundle bundle) {
        this.bundle = bundle;
        this.locale = bundle.getLocale() == null || bundle.getLocale().getLanguage().isEmpty()
                ? Locale.getDefault() : bundle.getLocale();
    }

    static Messages forLocale(Locale locale) {
        return new Messages(ResourceBundle.getBundle(BUNDLE, locale));
    }

    ResourceBundle bundle() {
        return bundle;
    }

    /** The message {@code key} with {@code args} filled in (MessageFormat syntax). */
    String get(String key, Object... args) {
        return format(bundle.getString(key), args);
    }

    /** For keys that exist only for some values, e.g. a hint per error code. */
    Optional<String> optional(String key, Object... args) {
        try {
            return Optional.of(format(bundle.getString(key), args));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** 512 bytes, 17.9 KiB, 4.0 MiB. */
    String size(long bytes) {
        if (bytes < 1024) {
            return get(SIZE_KEYS[0], Long.toString(bytes));
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < SIZE_KEYS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KiB would show as "1024.0 KiB"; move it up a unit instead.
        if (value >= 1023.95 && unit < SIZE_KEYS.length - 1) {
            value /= 1024;
            unit++;
        }
        return get(SIZE_KEYS[unit], String.format(locale, "%.1f", value));
    }

    /** 50.0 MiB/s. */
    String rate(long bytesPerSecond) {
        return get("unit.rate", size(bytesPerSecond));
    }

    /** 5 seconds, 3 minutes, 2 hours, 1 day: the largest whole unit, for intervals and time left. */
    String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return get("duration.seconds", s);
        }
        if (s < 3600) {
            return get("duration.minutes", (s + 30) / 60);
        }
        if (s < 86_400) {
            return s % 3600 == 0 || s >= 10 * 3600 ? get("duration.hours", (s + 1800) / 3600)
                    : get("duration.hoursMinutes", s / 3600, s / 60 % 60);
        }
        return get("duration.days", (s + 43_200) / 86_400);
    }

    /** A moment in the user's time zone, e.g. "14 Mar 2026, 09:05". */
    String dateTime(Instant when, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone).format(when);
    }

    private String format(String pattern, Object... args) {
        return new MessageFormat(pattern, locale).format(args);
    }
}
