// `upswap serve`: serves a feed directory over HTTP on this machine, so a
// publisher can point a target at it (source = http://127.0.0.1:PORT/feed.json
// with allow_http = yes) before uploading, and the demo has a real feed
// server. Runs until Ctrl-C.
package org.upswap.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.upswap.cli.serve.FeedDirectoryServer;
import org.upswap.cli.text.Messages;
import org.upswap.client.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve", sortOptions = false)
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Parameters(index = "0", paramLabel = "DIR", descriptionKey = "serve.dir")
    private Path dir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", descriptionKey = "serve.port")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", descriptionKey = "serve.bind")
    private String bind;

    @Override
    @SuppressWarnings("try") // the Ctrl-C registration only has to live as long as its block
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), Messages.get("serve.badPort", port));
        }
        InetSocketAddress address = new InetSocketAddress(resolve(bind), port);
        CliEnvironment env = cli.environment();
        FeedDirectoryServer server;
        try {
            server = FeedDirectoryServer.start(dir, address, (method, path, status, bytes) ->
                    env.err().println(Messages.get("serve.request", method, path, status, bytes)));
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new CliFailure(ExitCodes.FAILED, Messages.get("serve.notDirectory", dir), null);
        } catch (BindException e) {
            throw new CliFailure(ExitCodes.FAILED, Messages.get("serve.cannotListen", bind, port, e.getMessage()),
                    null);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (InterruptHooks.Registration onCtrlC = env.interrupts().onInterrupt(() -> {
            server.close();
            stopped.countDown();
        })) {
            announce(server);
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return ExitCodes.OK;
    }

    private void announce(FeedDirectoryServer server) {
        CliEnvironment env = cli.environment();
        String url = server.url().toString();
        if (cli.json()) {
            ObjectNode result = WireJson.newObject();
            result.put("url", url);
            result.put("feed", url + "feed.json");
            result.put("dir", dir.toAbsolutePath().normalize().toString());
            JsonOutput.print(env.out(), result);
        } else {
            env.out().println(Messages.get("serve.serving", dir.toAbsolutePath().normalize(), url));
            env.out().println(Messages.get("serve.source", url + "feed.json"));
        }
        env.out().flush();
    }

    private InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), Messages.get("serve.badBind", host));
        }
    }
}
