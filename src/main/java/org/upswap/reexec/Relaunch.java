package org.upswap.reexec;

import java.io.IOException;
import java.util.Map;

/**
 * The fallback: start the new version as a new process with the same
 * command line and environment, then exit. Standard streams are inherited,
 * so a listener already moved onto fd 0 reaches the new process too. Unlike
 * an in-place exec the pid changes: a service manager that tracks the main
 * pid must be told (systemd: a Type=forking unit with PIDFile, or
 * sd_notify MAINPID).
 */
final class Relaunch {
    private Relaunch() {
    }

    /** Returns only on failure. */
    static ReexecException start(ProcessImage image, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(image.command()).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            pb.start();
        } catch (IOException e) {
            return new ReexecException("cannot start " + image.executable(), e);
        }
        System.out.flush();
        System.err.flush();
        System.exit(0);
        return new ReexecException("unreachable");
    }
}
