// The desktop app's command line: which helper to talk to (as the upswap CLI
// finds it), and whether to start in the tray only. Help and errors come
// from org/upswap/desktop/messages.properties.
package org.upswap.desktop;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.upswap.client.SocketPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "upswap-desktop", resourceBundle = DesktopOptions.BUNDLE, mixinStandardHelpOptions = true,
        versionProvider = DesktopVersion.class, sortOptions = false)
final class DesktopOptions {

    static final String BUNDLE = "org.upswap.desktop.messages";

    /** Exit status for a wrong command line, as the CLI's. */
    static final int USAGE = 2;

    @Option(names = "--root", paramLabel = "DIR", descriptionKey = "option.root")
    private Path root;

    @Option(names = "--socket", paramLabel = "PATH", descriptionKey = "option.socket")
    private Path socket;

    @Option(names = "--hidden", descriptionKey = "option.hidden")
    private boolean hidden;

    /** The outcome of reading a command line: options to run with, or a status to exit with. */
    record Parsed(DesktopOptions options, Integer exitStatus) {
    }

    /** Reads {@code args}; prints help, the version or what is wrong and gives a status for those. */
    static Parsed parse(String[] args, PrintWriter out, PrintWriter err) {
        DesktopOptions options = new DesktopOptions();
        CommandLine cli = new CommandLine(options).setOut(out).setErr(err);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("upswap-desktop: " + e.getMessage());
            err.println(cli.getResourceBundle().getString("usage.hint"));
            err.flush();
            return new Parsed(null, USAGE);
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            out.flush();
            return new Parsed(null, 0);
        }
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            out.flush();
            return new Parsed(null, 0);
        }
        return new Parsed(options, null);
    }

    /** The helper's sockets, resolved the way the upswap CLI resolves them. */
    SocketPaths sockets(Map<String, String> env) {
        return SocketPaths.resolve(socket, null, root, env);
    }

    /** Start with the tray icon only, no window (for starting with the session). */
    boolean hidden() {
        return hidden;
    }
}
