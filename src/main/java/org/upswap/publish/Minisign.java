// The minisign program: found once (a path, or a name looked up in PATH) and
// run with its input and output wired so that it can ask for the password of
// an encrypted key: it reads the answer from `input` and its prompt and
// messages are passed on to `output` as they come.
package org.upswap.publish;

import java.io.IOException;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

public final class Minisign {

    /** What is looked up in PATH unless a path is given. */
    public static final String PROGRAM = "minisign";

    private final Path executable;
    private final Redirect input;
    private final Writer output;

    private Minisign(Path executable, Redirect input, Writer output) {
        this.executable = executable;
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
    }

    /**
     * Finds minisign.
     *
     * @param program a path (anything containing '/') or a name to look up in {@code searchPath}
     * @param searchPath directories separated by ':', like $PATH; null or "" for none
     * @param input where minisign reads a password from: {@link Redirect#INHERIT} for this process's
     *              terminal or pipe, {@link Redirect#from} for a file
     * @param output receives minisign's prompts and messages
     */
    public static Minisign find(String program, String searchPath, Redirect input, Writer output)
            throws MinisignNotFoundException {
        return new Minisign(locate(program, searchPath), input, output);
    }

    public Path executable() {
        return executable;
    }

    /**
     * Runs minisign with {@code arguments} and waits for it.
     *
     * @throws PublishException if it could not be started or did not exit with status 0; the message
     *                          ends with the last line minisign printed on stderr
     */
    void run(List<String> arguments) throws PublishException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(input).start();
        } catch (IOException e) {
            throw new PublishException("cannot run " + executable + ": " + e.getMessage(), e);
        }
        // Kept apart: minisign reports errors on stderr, and its buffered stdout may arrive after them.
        OutputRelay stdout = OutputRelay.start(process.getInputStream(), output, "minisign stdout");
        OutputRelay stderr = OutputRelay.start(process.getErrorStream(), output, "minisign stderr");
        int status;
        try {
            status = process.waitFor();
            stdout.awaitEnd();
            stderr.awaitEnd();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while " + executable + " was running", e);
        }
        if (status != 0) {
            String said = stderr.lastLine();
            throw new PublishException(executable + " exited with status " + status
                    + (said.isEmpty() ? "" : ": " + said));
        }
    }

    private static Path locate(String program, String searchPath) throws MinisignNotFoundException {
        if (program.contains("/")) {
            Path path = path(program);
            if (!Files.exists(path)) {
                throw new MinisignNotFoundException("minisign not found: " + program + " does not exist");
            }
            if (!isExecutableFile(path)) {
                throw new MinisignNotFoundException("minisign not found: " + program + " is not an executable file");
            }
            return path;
        }
        if (searchPath != null) {
            for (String dir : searchPath.split(":")) {
                // An empty entry would mean the current directory; a signing tool is not taken from there.
                if (!dir.isEmpty()) {
                    Path candidate = path(dir).resolve(program);
                    if (isExecutableFile(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new MinisignNotFoundException("minisign not found: no " + program + " in PATH");
    }

    private static Path path(String text) throws MinisignNotFoundException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new MinisignNotFoundException("minisign not found: '" + text + "' is not a path");
        }
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
