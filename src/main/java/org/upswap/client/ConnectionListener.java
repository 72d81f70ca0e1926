// What a HelperConnection tells its listeners. All calls come from the
// connection's own single thread, in order: a Connected state comes before
// the events received on that connection, a Disconnected one after them.
package org.upswap.client;

import org.upswap.client.model.HelperEvent;

public interface ConnectionListener {

    /**
     * The connection came up or went down. While the helper stays away, a
     * new Disconnected state is reported only when its reason changes.
     */
    void onStateChanged(ConnectionState state);

    /** An event from the helper; only after {@link HelperConnection#subscribe()}. */
    default void onEvent(HelperEvent event) {
    }
}
