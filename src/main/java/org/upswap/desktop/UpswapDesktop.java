// The desktop app's entry point: reads the command line, makes sure one copy
// runs per user (a second start brings up the first one's window), then
// starts JavaFX with DesktopApp. A plain class rather than the Application
// itself: launching an Application subclass as the main class from a class
// path fails with "JavaFX runtime components are missing".
package org.upswap.desktop;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;

public final class UpswapDesktop {

    private static final Logger LOG = System.getLogger(UpswapDesktop.class.getName());

    private UpswapDesktop() {
    }

    public static void main(String[] args) throws InterruptedException {
        quietLibraryLogging();
        OneLineLog.install("upswap-desktop");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        DesktopOptions.Parsed parsed = DesktopOptions.parse(args, out, err);
        if (parsed.exitStatus() != null) {
            System.exit(parsed.exitStatus());
        }
        DesktopOptions options = parsed.options();

        Path dir;
        Optional<SingleInstance> instance;
        try {
            dir = SingleInstance.directory(System.getenv());
            instance = SingleInstance.claim(dir);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot set up the single-instance lock: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (instance.isEmpty()) {
            System.exit(handOver(dir, options.hidden(), err));
        }
        try {
            DesktopApp.launch(options, instance.get());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not start: " + (e.getCause() != null ? e.getCause().getMessage() : e));
            System.exit(1);
        }
        // AWT (the fallback tray) keeps threads alive after JavaFX has stopped.
        System.exit(0);
    }

    /** Another instance runs: bring up its window (unless this start was for the tray only). */
    private static int handOver(Path dir, boolean hidden, PrintWriter err) throws InterruptedException {
        if (hidden) {
            err.println(DesktopMessages.get("instance.running"));
            return 0;
        }
        if (SingleInstance.ask(dir, SingleInstance.Request.SHOW)) {
            err.println(DesktopMessages.get("instance.asked"));
            return 0;
        }
        err.println(DesktopMessages.get("instance.noAnswer"));
        return 1;
    }

    /**
     * dbus-java logs through SLF4J. With slf4j-jdk14 on the class path its
     * records join ours; without any binding SLF4J would print a three-line
     * warning at start, so its no-op provider is then named explicitly.
     */
    private static void quietLibraryLogging() {
        String provider = "org.slf4j.jul.JULServiceProvider";
        try {
            Class.forName(provider, false, UpswapDesktop.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            provider = "org.slf4j.helpers.NOP_FallbackServiceProvider";
        }
        System.setProperty("slf4j.provider", provider);
        System.setProperty("slf4j.internal.verbosity", "WARN");
    }
}
