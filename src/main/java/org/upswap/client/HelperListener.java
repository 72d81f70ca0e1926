// What a HelperClient tells its listeners. Both methods run on the client's
// dispatch thread, in the order the helper sent the lines, after the replies
// that came before them; they must not block waiting for this client.
package org.upswap.client;

import java.io.IOException;
import org.upswap.client.model.HelperEvent;

public interface HelperListener {

    /** An event arrived (the client must have subscribed). */
    void onEvent(HelperEvent event);

    /**
     * The connection ended for a reason other than {@link HelperClient#close()}:
     * the helper went away ({@link HelperUnavailableException}) or broke the
     * protocol ({@link ProtocolException}). Called at most once, last.
     */
    default void onDisconnected(IOException reason) {
    }
}
