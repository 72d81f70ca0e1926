// Numbers as people read them: sizes and rates in KiB/MiB/GiB, durations as
// a clock (1:05) or a span (3h 12m).
package org.upswap.cli.text;

import java.util.Locale;

public final class Units {

    private static final String[] SIZE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** 512 B, 17.9 KiB, 4.0 MiB. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KiB would print as "1024.0 KiB"; move it up a unit instead.
        if (value >= 1023.95 && unit < SIZE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, SIZE_UNITS[unit]);
    }

    /** 50.0 MiB/s. */
    public static String rate(long bytesPerSecond) {
        return size(bytesPerSecond) + "/s";
    }

    /** 0:05, 12:34, 1:02:03. */
    public static String clock(long seconds) {
        long s = Math.max(0, seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** 45s, 12m 5s, 3h 12m, 2d 4h: the two largest units. */
    public static String span(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s / 60 % 60 + "m";
        }
        return s / 86_400 + "d " + s / 3600 % 24 + "h";
    }
}
