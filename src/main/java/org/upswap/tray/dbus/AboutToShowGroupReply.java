// What com.canonical.dbusmenu AboutToShowGroup returns: the ids whose
// layout the host must fetch again (ai) and the ids that do not exist (ai).
// Generic for the same reason as LayoutReply.
package org.upswap.tray.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

public final class AboutToShowGroupReply<U, E> extends Tuple {

    @Position(0)
    public final U updatesNeeded;
    @Position(1)
    public final E idErrors;

    public AboutToShowGroupReply(U updatesNeeded, E idErrors) {
        this.updatesNeeded = updatesNeeded;
        this.idErrors = idErrors;
    }
}
