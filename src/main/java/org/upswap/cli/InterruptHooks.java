// Running something when the user presses Ctrl-C (the JVM's shutdown
// hooks), behind an interface so tests can "press" it.
package org.upswap.cli;

interface InterruptHooks {

    /**
     * Runs {@code action} if the process is interrupted before the returned
     * handle is closed. The action runs on its own thread while the rest of
     * the program is still going, and should finish within a few seconds.
     */
    Registration onInterrupt(Runnable action);

    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** The real thing: a JVM shutdown hook. */
    static InterruptHooks shutdownHooks() {
        return action -> {
            Thread hook = new Thread(action, "upswap-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            return () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Already shutting down: the hook is running or has run.
                }
            };
        };
    }
}
