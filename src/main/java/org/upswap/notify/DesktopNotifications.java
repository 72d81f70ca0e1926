// Notices through the desktop's notification server (org.freedesktop.
// Notifications on the session bus): one server-side notification per target,
// replaced in place through replaces_id; the server's ActionInvoked and
// NotificationClosed signals mapped back to targets. When no server answers,
// the notice goes to the fallback sink instead (the app's own window).
package org.upswap.notify;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Calls to the server run on {@code calls}, one at a time: a server that is
 * slow to answer (or being started by D-Bus activation) must not hold up
 * the model thread that decides what to show. Signal handlers may run on
 * any thread.
 */
public final class DesktopNotifications implements NoticeSink {

    /** The application name servers show and group by. */
    public static final String APP_NAME = "upswap";
    /** The desktop file (packaging/desktop/upswap.desktop, without ".desktop") servers take the icon and name from. */
    public static final String DESKTOP_ENTRY = "upswap";

    private static final Logger LOG = System.getLogger(DesktopNotifications.class.getName());
    private static final UInt32 NEW = new UInt32(0);
    private static final int SERVER_DEFAULT_TIMEOUT = -1;
    private static final int NEVER_EXPIRES = 0;

    private final Notifications server;
    private final NoticeSink fallback;
    private final Executor calls;
    /** Each target's notification, while the server shows it. */
    private final Map<String, Shown> shown = new ConcurrentHashMap<>();
    private volatile Set<String> capabilities;
    private volatile Responses responses;
    private volatile boolean fellBack;

    /**
     * @param server the server's object (a dbus-java proxy)
     * @param fallback where notices go while no server answers
     * @param calls runs one task at a time
     */
    public DesktopNotifications(Notifications server, NoticeSink fallback, Executor calls) {
        this.server = Objects.requireNonNull(server, "server");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    @Override
    public void respondTo(Responses responses) {
        this.responses = responses;
        fallback.respondTo(responses);
    }

    @Override
    public void show(Notice notice) {
        submit(() -> notify(notice));
    }

    @Override
    public void withdraw(String target) {
        submit(() -> {
            Shown gone = shown.remove(target);
            if (gone != null) {
                try {
                    server.CloseNotification(gone.id());
                } catch (RuntimeException e) {
                    // The server went away, and its notifications with it.
                    LOG.log(Level.DEBUG, () -> "notifications: closing " + target + ": " + e);
                }
            }
            fallback.withdraw(target);
        });
    }

    /** A server's ActionInvoked signal. */
    public void actionInvoked(UInt32 id, String actionKey) {
        Shown s = byId(id);
        Responses to = responses;
        if (s == null || to == null) {
            return; // another application's notification, or one we already withdrew
        }
        NoticeAction.fromKey(actionKey).ifPresent(action -> to.invoked(s.notice(), action));
    }

    /** A server's NotificationClosed signal. */
    public void notificationClosed(UInt32 id, UInt32 reason) {
        Shown s = byId(id);
        if (s == null || !shown.remove(s.notice().target(), s)) {
            return;
        }
        LOG.log(Level.DEBUG, () -> "notifications: " + s.notice().target() + " closed, reason " + reason);
        Responses to = responses;
        if (to != null) {
            to.closed(s.notice());
        }
    }

    /** The notification server went away (or was replaced): its notifications are gone. */
    public void serverLost() {
        capabilities = null;
        Responses to = responses;
        for (String target : List.copyOf(shown.keySet())) {
            Shown gone = shown.remove(target);
            if (gone != null && to != null) {
                to.closed(gone.notice());
            }
        }
    }

    private void notify(Notice notice) {
        try {
            Set<String> caps = capabilities();
            Shown previous = shown.get(notice.target());
            UInt32 id = server.Notify(APP_NAME, previous == null ? NEW : previous.id(), notice.kind().icon(),
                    notice.summary(), body(notice, caps), actions(notice, caps), hints(notice),
                    notice.persistent() ? NEVER_EXPIRES : SERVER_DEFAULT_TIMEOUT);
            shown.put(notice.target(), new Shown(id, notice));
            if (fellBack) {
                fellBack = false;
                LOG.log(Level.INFO, "notifications: the notification server answers again");
            }
            LOG.log(Level.INFO, () -> "notifications: shown " + notice.kind() + " for " + notice.target()
                    + " (id " + id + (notice.persistent() ? ", persistent" : "") + ")");
        } catch (RuntimeException e) {
            // dbus-java reports "no such service", a failed activation and a
            // timeout alike as runtime exceptions; all mean "show it ourselves".
            capabilities = null;
            if (!fellBack) {
                fellBack = true;
                LOG.log(Level.WARNING, "notifications: no notification server answers ("
                        + e.getMessage() + "); showing notices in the app instead");
            }
            fallback.show(notice);
        }
    }

    private void submit(Runnable call) {
        try {
            calls.execute(call);
        } catch (RejectedExecutionException e) {
            // The app is quitting: nothing more is shown.
        }
    }

    private Set<String> capabilities() {
        Set<String> caps = capabilities;
        if (caps == null) {
            caps = Set.copyOf(server.GetCapabilities());
            capabilities = caps;
        }
        return caps;
    }

    private Shown byId(UInt32 id) {
        for (Shown s : shown.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    private static String body(Notice notice, Set<String> caps) {
        // With body-markup the server parses the body as a subset of HTML; release
        // notes are the publisher's text and must show as written.
        return caps.contains("body-markup") ? escapeMarkup(notice.body()) : notice.body();
    }

    private static List<String> actions(Notice notice, Set<String> caps) {
        List<String> flat = new ArrayList<>();
        if (caps.contains("actions")) {
            for (Notice.Button button : notice.buttons()) {
                flat.add(button.action().key());
                flat.add(button.label());
            }
        }
        return flat;
    }

    private static Map<String, Variant<?>> hints(Notice notice) {
        Map<String, Variant<?>> hints = new LinkedHashMap<>();
        hints.put("urgency", new Variant<>(notice.urgency().level()));
        hints.put("category", new Variant<>(notice.kind().category()));
        hints.put("desktop-entry", new Variant<>(DESKTOP_ENTRY));
        if (notice.persistent()) {
            hints.put("resident", new Variant<>(true));
        } else if (notice.urgency() == Urgency.LOW) {
            hints.put("transient", new Variant<>(true));
        }
        return hints;
    }

    /** A notification the server shows for us, by its id. */
    private record Shown(UInt32 id, Notice notice) {
    }

    static String escapeMarkup(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
