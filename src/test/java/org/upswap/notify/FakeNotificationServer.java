// An org.freedesktop.Notifications server in-process: records every call
// like a real server receives it, hands out ids, and can pretend to be
// absent (as dbus-java reports a missing service).
package org.upswap.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

final class FakeNotificationServer implements Notifications {

    /** One Notify call as the server saw it. */
    record Call(UInt32 replacesId, String icon, String summary, String body, List<String> actions,
                Map<String, Variant<?>> hints, int timeout, UInt32 id) {

        Object hint(String name) {
            Variant<?> v = hints.get(name);
            return v == null ? null : v.getValue();
        }
    }

    final List<Call> calls = new ArrayList<>();
    final List<UInt32> closed = new ArrayList<>();
    List<String> capabilities = List.of("actions", "body", "persistence");
    boolean absent;
    private int nextId = 1;

    @Override
    public synchronized UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                                      List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
        failIfAbsent();
        UInt32 id = replacesId.intValue() != 0 ? replacesId : new UInt32(nextId++);
        calls.add(new Call(replacesId, appIcon, summary, body, List.copyOf(actions), Map.copyOf(hints),
                expireTimeout, id));
        return id;
    }

    @Override
    public synchronized void CloseNotification(UInt32 id) {
        failIfAbsent();
        closed.add(id);
    }

    @Override
    public List<String> GetCapabilities() {
        failIfAbsent();
        return capabilities;
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }

    private void failIfAbsent() {
        if (absent) {
            throw new ServiceUnknown("The name org.freedesktop.Notifications was not provided by any .service files");
        }
    }
}
