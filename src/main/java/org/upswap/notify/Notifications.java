// The org.freedesktop.Notifications D-Bus interface (Desktop Notifications
// Specification 1.2), as dbus-java maps it: member names are the method
// names, signals are the nested classes.
package org.upswap.notify;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

@DBusInterfaceName(Notifications.BUS_NAME)
public interface Notifications extends DBusInterface {

    String BUS_NAME = "org.freedesktop.Notifications";
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    /** Closed because it expired. */
    int CLOSED_EXPIRED = 1;
    /** Closed because the user dismissed it. */
    int CLOSED_DISMISSED = 2;
    /** Closed by a CloseNotification call. */
    int CLOSED_BY_CALL = 3;

    /** Shows (or, with a non-zero {@code replacesId}, replaces) a notification; returns its id. */
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                  List<String> actions, Map<String, Variant<?>> hints, int expireTimeout);

    void CloseNotification(UInt32 id);

    /** E.g. "actions", "body", "body-markup", "persistence". */
    List<String> GetCapabilities();

    /** The user invoked an action of notification {@code id}. */
    class ActionInvoked extends DBusSignal {

        private final UInt32 id;
        private final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }

        public UInt32 id() {
            return id;
        }

        public String actionKey() {
            return actionKey;
        }
    }

    /** Notification {@code id} is gone; {@code reason} is one of the CLOSED_ constants (or 4, undefined). */
    class NotificationClosed extends DBusSignal {

        private final UInt32 id;
        private final UInt32 reason;

        public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
            super(path, id, reason);
            this.id = id;
            this.reason = reason;
        }

        public UInt32 id() {
            return id;
        }

        public UInt32 reason() {
            return reason;
        }
    }
}
