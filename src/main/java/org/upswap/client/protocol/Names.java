// The spelling rules for target names (also used for feed products) and
// version strings; the helper refuses anything else, so clients check first
// and can say what is wrong before a round trip.
package org.upswap.client.protocol;

import java.util.regex.Pattern;

public final class Names {

    private static final Pattern TARGET = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+~-]{0,63}");

    private Names() {
    }

    /** True for 1 to 64 of {@code [a-z0-9._-]}, starting with a letter or digit. */
    public static boolean isTargetName(String name) {
        return name != null && TARGET.matcher(name).matches();
    }

    /** True for 1 to 64 of {@code [0-9A-Za-z.+~-]}, starting with a letter or digit. */
    public static boolean isVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /** @throws IllegalArgumentException naming the rule {@code name} breaks */
    public static String requireTargetName(String name) {
        if (!isTargetName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid target name"
                    + " (1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
        return name;
    }

    /** @throws IllegalArgumentException naming the rule {@code version} breaks */
    public static String requireVersion(String version) {
        if (!isVersion(version)) {
            throw new IllegalArgumentException("'" + version + "' is not a valid version"
                    + " (1 to 64 of A-Z, a-z, 0-9, '.', '+', '~', '-', starting with a letter or digit)");
        }
        return version;
    }
}
