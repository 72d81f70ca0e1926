// Runs a task on the notifier's thread after a while: the moment a grace
// period or a postponement ends, rather than at the next periodic look.
package org.upswap.notify;

import java.time.Duration;

@FunctionalInterface
public interface NotifierTimer {

    void after(Duration delay, Runnable task);
}
