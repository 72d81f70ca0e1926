package org.upswap.reexec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jnr.constants.platform.Errno;
import jnr.constants.platform.Fcntl;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The system calls behind an in-place re-exec, through jnr-posix. Every
 * change made to the process before execve() is undone if it fails, so the
 * JVM goes on exactly as before.
 */
final class NativeExec {
    private static final int FD_CLOEXEC = 1;
    private static final int STDIN = 0;

    private final POSIX posix;

    private NativeExec(POSIX posix) {
        this.posix = posix;
    }

    /** The native calls, or null where jnr-posix has no native backend. */
    static NativeExec load() {
        try {
            POSIX p = POSIXFactory.getPOSIX();
            return p.isNative() ? new NativeExec(p) : null;
        } catch (RuntimeException | LinkageError unavailable) {
            return null;
        }
    }

    /**
     * Puts {@code listenerFd} (if not negative) on fd 0 for the new image.
     * Returns a token that undoes it.
     */
    int moveToStdin(int listenerFd) throws ReexecException {
        int saved = posix.fcntlInt(STDIN, Fcntl.F_DUPFD, 3);
        if (saved < 0) {
            throw failure("cannot save standard input");
        }
        posix.fcntlInt(saved, Fcntl.F_SETFD, FD_CLOEXEC);
        if (posix.dup2(listenerFd, STDIN) < 0) {
            ReexecException e = failure("cannot put the listening socket on standard input");
            posix.close(saved);
            throw e;
        }
        return saved;
    }

    void restoreStdin(int saved) {
        posix.dup2(saved, STDIN);
        posix.close(saved);
    }

    /**
     * execve(); returns only on failure, having undone its own changes. The
     * JVM opens many fds without O_CLOEXEC; they are all marked close-on-exec
     * first, so the new image starts with 0, 1 and 2 only.
     */
    ReexecException exec(ProcessImage image, Map<String, String> env) {
        List<Integer> marked = markInheritableFdsCloseOnExec();
        String[] argv = image.argv().toArray(String[]::new);
        List<String> envp = new ArrayList<>(env.size());
        env.forEach((k, v) -> envp.add(k + "=" + v));
        System.out.flush();
        System.err.flush();
        posix.execve(image.executable(), argv, envp.toArray(String[]::new));
        ReexecException e = failure("cannot exec " + image.executable());
        for (int fd : marked) {
            posix.fcntlInt(fd, Fcntl.F_SETFD, 0);
        }
        return e;
    }

    private List<Integer> markInheritableFdsCloseOnExec() {
        List<Integer> fds = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : dir) {
                fds.add(Integer.parseInt(p.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            // Without /proc nothing can be listed; the exec still works, it
            // only passes the JVM's stray fds on.
        }
        List<Integer> marked = new ArrayList<>();
        for (int fd : fds) {
            if (fd < 3) {
                continue;
            }
            int flags = posix.fcntl(fd, Fcntl.F_GETFD);
            if (flags >= 0 && (flags & FD_CLOEXEC) == 0 && posix.fcntlInt(fd, Fcntl.F_SETFD, FD_CLOEXEC) == 0) {
                marked.add(fd);
            }
        }
        return marked;
    }

    private ReexecException failure(String what) {
        int errno = posix.errno();
        Errno e = Errno.valueOf(errno);
        return new ReexecException(what + ": " + (e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.description()));
    }
}
