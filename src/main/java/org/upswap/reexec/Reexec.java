package org.upswap.reexec;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves this program onto the new version of its installed file, at a safe
 * point of the program's choosing:
 *
 * <pre>{@code
 * ServerSocketChannel listener = Reexec.inheritedListener().orElseGet(() -> open(8080));
 * Reexec reexec = Reexec.watching(Path.of("/opt/app/app.jar"))
 *         .handOver(listener)
 *         .beforeRestart(log::flush);
 * while (running) {
 *     serveOne(listener);                  // the safe point follows
 *     reexec.restartIfReplaced();          // returns only if not replaced, or on failure
 * }
 * }</pre>
 *
 * <p>The restart execs the same command line in place: same pid, so service
 * managers and pid files stay right, and the listening socket passes to the
 * new image as standard input, where {@link #inheritedListener()} picks it
 * up; connections that arrive meanwhile wait in its backlog. Every other fd
 * is closed across the exec. Where the JVM cannot exec in place (no native
 * backend for jnr-posix), or when asked to with {@link #relaunching()}, the
 * new version is started as a new process, still with the socket, and this
 * one exits: the pid then changes.
 */
public final class Reexec {
    /** Set in the new image's environment when fd 0 is the handed-over listener. */
    public static final String LISTEN_STDIN_VAR = "UPSWAP_LISTEN_STDIN";

    private final InstalledFile installed;
    private final List<Runnable> beforeRestart = new ArrayList<>();
    private ServerSocketChannel listener;
    private boolean relaunch;
    /** The file a restart last failed on: not retried until another one is installed. */
    private InstalledFile failedOn;

    private Reexec(InstalledFile installed) {
        this.installed = installed;
    }

    /** Watches {@code installedFile} (the program's jar, or its launcher) from now on. */
    public static Reexec watching(Path installedFile) throws IOException {
        return new Reexec(InstalledFile.of(installedFile));
    }

    /** Hands this listening TCP socket over to the new image. */
    public Reexec handOver(ServerSocketChannel listeningSocket) {
        this.listener = listeningSocket;
        return this;
    }

    /**
     * Runs {@code callback} just before the restart, in registration order,
     * on the thread that calls {@link #restart()}: flush logs, finish or hand
     * off in-flight work. If the restart then fails the program goes on, so
     * a callback must not leave it unable to.
     */
    public Reexec beforeRestart(Runnable callback) {
        beforeRestart.add(callback);
        return this;
    }

    /**
     * Keeps the program alive on SIGHUP and runs {@code onHangup} instead: a
     * JVM's default is to end on SIGHUP, which would turn the restart policy
     * {@code signal:HUP} into a stop. The callback runs on the JVM's signal
     * thread, so it should only wake the program's loop (a flag, a
     * {@code Selector.wakeup()}); the restart itself still happens at the safe
     * point, through {@link #restartIfReplaced()}. The new image installs it
     * again when it starts; a SIGHUP in between, while the new JVM starts,
     * still ends it.
     *
     * @throws ReexecException if this JVM offers no way to handle signals
     */
    public Reexec onHangup(Runnable onHangup) throws ReexecException {
        Hangup.handle(java.util.Objects.requireNonNull(onHangup, "onHangup"));
        return this;
    }

    /** Always start the new version as a new process and exit, never exec in place. */
    public Reexec relaunching() {
        this.relaunch = true;
        return this;
    }

    public Path installedFile() {
        return installed.path();
    }

    /** Whether a new file was installed since this program started; one stat(). */
    public boolean replaced() {
        if (!installed.replaced()) {
            return false;
        }
        if (failedOn != null) {
            try {
                return !InstalledFile.of(installed.path()).sameFileAs(failedOn);
            } catch (IOException gone) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #restart()} if the file was replaced; false if it was not. Call
     * it at the program's safe point.
     */
    public boolean restartIfReplaced() throws ReexecException {
        if (!replaced()) {
            return false;
        }
        restart();
        return true;
    }

    /**
     * Runs the callbacks, then execs the new version in place (or relaunches
     * it and exits). Returns only by throwing: the program goes on as the
     * old version, and the same new file is not tried again.
     */
    public void restart() throws ReexecException {
        ProcessImage image;
        try {
            image = ProcessImage.current();
        } catch (IOException e) {
            throw new ReexecException("cannot read this process's command line", e);
        }
        NativeExec sys = NativeExec.load();
        int listenerFd = -1;
        if (listener != null) {
            if (sys == null) {
                throw new ReexecException("the listening socket cannot be handed over: jnr-posix has no "
                        + "native backend here");
            }
            try {
                listenerFd = ListenerFd.of(listener);
            } catch (IOException e) {
                throw new ReexecException("cannot find the listening socket's fd", e);
            }
        }
        beforeRestart.forEach(Runnable::run);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(LISTEN_STDIN_VAR);
        int savedStdin = -1;
        if (listenerFd >= 0) {
            savedStdin = sys.moveToStdin(listenerFd);
            env.put(LISTEN_STDIN_VAR, "1");
        }
        ReexecException failure;
        if (sys != null && !relaunch) {
            failure = sys.exec(image, env);
        } else {
            failure = Relaunch.start(image, env);
        }
        if (savedStdin >= 0) {
            sys.restoreStdin(savedStdin);
        }
        try {
            failedOn = InstalledFile.of(installed.path());
        } catch (IOException gone) {
            failedOn = null;
        }
        throw failure;
    }

    /**
     * The listening socket a previous image handed over, if this process was
     * started by a restart with one. Call it once, early, instead of binding.
     */
    public static Optional<ServerSocketChannel> inheritedListener() throws IOException {
        if (System.getenv(LISTEN_STDIN_VAR) == null) {
            return Optional.empty();
        }
        Channel ch = System.inheritedChannel();
        return ch instanceof ServerSocketChannel s ? Optional.of(s) : Optional.empty();
    }

    /**
     * Calls {@code onReplaced} (on a daemon thread) whenever a new file is
     * renamed onto the installed path, so a program that sleeps between
     * requests need not poll; it should then restart at its next safe point.
     * Closing the result stops watching.
     */
    public Closeable watch(Runnable onReplaced) throws IOException {
        Path dir = installed.path().getParent();
        WatchService ws = FileSystems.getDefault().newWatchService();
        // rename() over the path shows up as a create of its name.
        dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = ws.take();
                    boolean ours = key.pollEvents().stream()
                            .anyMatch(ev -> installed.path().getFileName().equals(ev.context()));
                    key.reset();
                    if (ours && replaced()) {
                        onReplaced.run();
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException stopped) {
                // closed
            }
        }, "upswap-reexec-watch");
        t.setDaemon(true);
        t.start();
        return ws;
    }
}
