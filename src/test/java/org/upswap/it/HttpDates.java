package org.upswap.it;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** HTTP dates in the one form servers must send (RFC 9110 IMF-fixdate). */
final class HttpDates {
    // Not RFC_1123_DATE_TIME: that writes a one-digit day ("Fri, 4 Dec"),
    // which IMF-fixdate does not allow.
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static String format(Instant t) {
        return IMF_FIXDATE.format(t);
    }

    /** The instant in {@code text}, or empty if it is not an HTTP date (such a header is ignored). */
    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(text.trim(), IMF_FIXDATE).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
