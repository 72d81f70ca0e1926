// The `upswap` command: global options, the subcommands, and the wiring of
// output, errors and exit statuses. Every subcommand reaches the helper
// through connect() and the options here.
package org.upswap.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.upswap.cli.text.Messages;
import org.upswap.client.ClientOptions;
import org.upswap.client.HelperClient;
import org.upswap.client.HelperException;
import org.upswap.client.SocketPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "upswap", resourceBundle = Messages.BUNDLE, mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class, sortOptions = false,
        subcommands = {StatusCommand.class, ListCommand.class, CheckCommand.class, UpdateCommand.class,
                RollbackCommand.class, CancelCommand.class, PokeCommand.class, PermissionsCommand.class,
                RestartCommand.class, WatchCommand.class,
                PublishCommand.class, ServeCommand.class})
public final class UpswapCli implements Runnable {

    @Option(names = "--socket", paramLabel = "PATH", scope = ScopeType.INHERIT, descriptionKey = "option.socket")
    private Path socket;

    @Option(names = "--poke-socket", paramLabel = "PATH", scope = ScopeType.INHERIT,
            descriptionKey = "option.pokeSocket")
    private Path pokeSocket;

    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT, descriptionKey = "option.root")
    private Path root;

    @Option(names = "--json", scope = ScopeType.INHERIT, descriptionKey = "option.json")
    private boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            scope = ScopeType.INHERIT, descriptionKey = "option.timeout")
    private Duration timeout;

    @Spec
    private CommandSpec spec;

    private final CliEnvironment environment;

    UpswapCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(execute(CliEnvironment.system(), args));
    }

    /** Runs one command line and returns its exit status. */
    static int execute(CliEnvironment environment, String... args) {
        UpswapCli cli = new UpswapCli(environment);
        ErrorReporter errors = new ErrorReporter(cli);
        CommandLine commandLine = new CommandLine(cli)
                .setOut(environment.out())
                .setErr(environment.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        int status = commandLine.execute(args);
        environment.out().flush();
        environment.err().flush();
        return status;
    }

    /** `upswap` alone: a command is required. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), Messages.get("error.noCommand"));
    }

    CliEnvironment environment() {
        return environment;
    }

    boolean json() {
        return json;
    }

    SocketPaths sockets() {
        return SocketPaths.resolve(socket, pokeSocket, root, environment.env());
    }

    ClientOptions clientOptions() {
        return new ClientOptions(timeout, VersionInfo.clientName());
    }

    /** A greeted connection to the helper the options point at. */
    HelperClient connect() throws IOException, HelperException, InterruptedException {
        return HelperClient.connect(sockets().helper(), clientOptions());
    }
}
