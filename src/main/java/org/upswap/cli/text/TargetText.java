// Targets as table rows: what is installed, what is offered, what the helper
// is doing.
package org.upswap.cli.text;

import java.util.List;
import org.upswap.client.model.Available;
import org.upswap.client.model.Installed;
import org.upswap.client.model.TargetSummary;

public final class TargetText {

    private static final int SHORT_HASH = 8;

    private TargetText() {
    }

    public static List<String> table(List<TargetSummary> targets) {
        Table table = new Table(Messages.get("table.name"), Messages.get("table.installed"),
                Messages.get("table.available"), Messages.get("table.state"));
        for (TargetSummary target : targets) {
            table.row(target.name(), installed(target.installed()), available(target.available()),
                    target.state().wireName());
        }
        return table.lines();
    }

    /** 1.0.0, "1.0.0 (modified)", "unknown (5891b5b5)", or "-" when not installed. */
    public static String installed(Installed installed) {
        if (installed == null) {
            return Messages.get("target.none");
        }
        String version = installed.version() != null ? installed.version()
                : Messages.get("target.unknownVersion", shortHash(installed.sha256()));
        return installed.modified() ? Messages.get("target.modified", version) : version;
    }

    /** "2.0.0 (17.9 KiB)", "2.0.0 (17.9 KiB, critical)", or "-" when nothing newer is offered. */
    public static String available(Available available) {
        if (available == null) {
            return Messages.get("target.none");
        }
        return Messages.get(available.critical() ? "target.availableCritical" : "target.available",
                available.version(), Units.size(available.size()));
    }

    public static String shortHash(String sha256) {
        return sha256.length() > SHORT_HASH ? sha256.substring(0, SHORT_HASH) : sha256;
    }
}
