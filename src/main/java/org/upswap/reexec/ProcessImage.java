package org.upswap.reexec;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How this process was started, read back from /proc: the executable (for a
 * Java program, the java launcher) and the full command line, so the new
 * image starts exactly as this one did: no PATH search, no guessing.
 */
record ProcessImage(String executable, List<String> argv) {
    private static final String DELETED = " (deleted)";

    static ProcessImage current() throws IOException {
        String exe = Files.readSymbolicLink(Path.of("/proc/self/exe")).toString();
        // The launcher itself was replaced (a JDK update): its path is still
        // the one to run.
        if (exe.endsWith(DELETED)) {
            exe = exe.substring(0, exe.length() - DELETED.length());
        }
        byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        List<String> argv = new ArrayList<>();
        Charset cs = Charset.defaultCharset();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                argv.add(new String(raw, start, i - start, cs));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            argv.add(new String(raw, start, raw.length - start, cs));
        }
        if (argv.isEmpty()) {
            throw new IOException("/proc/self/cmdline is empty");
        }
        return new ProcessImage(exe, List.copyOf(argv));
    }

    /** The command to start a new process: the recorded executable first. */
    List<String> command() {
        List<String> cmd = new ArrayList<>(argv);
        cmd.set(0, executable);
        return cmd;
    }
}
