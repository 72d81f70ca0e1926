// What the desktop does about an update while the network connection is
// metered (a phone hotspot, a capped mobile plan).
package org.upswap.app;

public enum MeteredPolicy {
    /** Don't download on a metered connection without asking the user first. */
    ASK_FIRST("ask"),
    /** Treat a metered connection like any other. */
    DOWNLOAD_ANYWAY("download");

    private final String storedName;

    MeteredPolicy(String storedName) {
        this.storedName = storedName;
    }

    /** The value as it is written in the settings file. */
    public String storedName() {
        return storedName;
    }
}
