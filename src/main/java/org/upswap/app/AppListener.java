// What the tray, the window and the notifications hear from the UpdatesModel.
// Both methods run on the model's own thread, one call at a time, in order;
// they must not block (UI code hands over to its own thread).
package org.upswap.app;

import org.upswap.client.model.HelperEvent;

public interface AppListener {

    /** Something changed; the snapshot is the whole new picture. */
    void changed(AppSnapshot snapshot);

    /** An event from the helper, after the snapshot it caused was delivered. */
    default void event(HelperEvent event, AppSnapshot snapshot) {
    }
}
