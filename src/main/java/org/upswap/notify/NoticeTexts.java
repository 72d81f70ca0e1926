// The words of every notice, from org/upswap/notify/messages.properties, and
// which buttons each offers.
package org.upswap.notify;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.upswap.app.TargetView;
import org.upswap.client.model.Available;
import org.upswap.client.model.ProcessInfo;

final class NoticeTexts {

    static final String BUNDLE = "org.upswap.notify.messages";

    /** Release notes can be long; a notice shows the gist. */
    private static final int NOTES_LINE_MAX = 160;
    private static final String[] SIZE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private final ResourceBundle messages;

    NoticeTexts() {
        this(ResourceBundle.getBundle(BUNDLE));
    }

    NoticeTexts(ResourceBundle messages) {
        this.messages = messages;
    }

    Notice updateAvailable(TargetView target, boolean canUpdate, boolean persistent) {
        Available offered = target.target().available();
        String installed = target.target().installed() == null ? null : target.target().installed().version();
        String versions = installed == null
                ? text("update.version", offered.version(), size(offered.size()))
                : text("update.versions", installed, offered.version(), size(offered.size()));
        String notes = firstLine(offered.notes());
        String body = notes.isEmpty() ? versions : notes + "\n" + versions;
        List<Notice.Button> buttons = new ArrayList<>();
        buttons.add(button(NoticeAction.OPEN));
        if (canUpdate) {
            buttons.add(button(NoticeAction.UPDATE));
        }
        buttons.add(button(NoticeAction.DETAILS));
        if (!persistent) {
            buttons.add(button(NoticeAction.LATER));
        }
        String summary = text(offered.critical() ? "update.summaryCritical" : "update.summary",
                target.name(), offered.version());
        return new Notice(target.name(), NoticeKind.UPDATE_AVAILABLE, offered.version(), summary, body, buttons,
                persistent ? Urgency.CRITICAL : Urgency.NORMAL, persistent);
    }

    /** @param canRestart the helper can restart them (the target has a signal or systemd restart policy) */
    Notice restartNeeded(String target, String version, List<ProcessInfo> processes, boolean canRestart,
                         boolean persistent) {
        String summary = version == null ? text("restart.summaryUnknown", target)
                : text("restart.summary", target, version);
        String body = processes.size() == 1
                ? text("restart.bodyOne", target, processes.get(0).pid())
                : text("restart.bodyMany", target, processes.size());
        if (!canRestart) {
            body = body + "\n" + text("restart.byHand", target);
        }
        List<Notice.Button> buttons = new ArrayList<>(List.of(button(NoticeAction.OPEN)));
        if (canRestart) {
            buttons.add(button(NoticeAction.RESTART));
        }
        if (!persistent) {
            buttons.add(button(NoticeAction.LATER));
        }
        return new Notice(target, NoticeKind.RESTART_NEEDED, version, summary, body, buttons,
                persistent ? Urgency.CRITICAL : Urgency.NORMAL, persistent);
    }

    /** @param from the version replaced, or null if it was unknown */
    Notice updated(String target, String from, String version) {
        String body = from == null ? text("updated.bodyUnknown") : text("updated.body", from);
        return new Notice(target, NoticeKind.UPDATED, version, text("updated.summary", target, version), body,
                List.of(button(NoticeAction.OPEN)), Urgency.LOW, false);
    }

    /** @param job "update", "rollback" or "restart" */
    Notice failed(String target, String job, String version, String message, boolean canRetry) {
        List<Notice.Button> buttons = new ArrayList<>(List.of(button(NoticeAction.OPEN)));
        if (canRetry) {
            buttons.add(button(NoticeAction.RETRY));
        }
        buttons.add(button(NoticeAction.DETAILS));
        return new Notice(target, NoticeKind.FAILED, version, text("failed.summary." + job, target), message,
                buttons, Urgency.NORMAL, false);
    }

    private Notice.Button button(NoticeAction action) {
        return new Notice.Button(action, text("action." + action.key()));
    }

    private String text(String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            // Numbers as plain digits: a pid or a count never gets grouping ("4,242").
            texts[i] = args[i] instanceof Integer || args[i] instanceof Long ? args[i] : String.valueOf(args[i]);
        }
        return new MessageFormat(messages.getString(key), Locale.ROOT).format(texts);
    }

    static String firstLine(String notes) {
        String line = notes.strip().lines().findFirst().orElse("").strip();
        return line.length() <= NOTES_LINE_MAX ? line : line.substring(0, NOTES_LINE_MAX - 1).stripTrailing() + "…";
    }

    /** 512 B, 17.9 KiB, 4.0 MiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1023.95 && unit < SIZE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, SIZE_UNITS[unit]);
    }
}
