// `upswap poke`: asks the helper, through its datagram socket, to check soon.
// Needs no connection and no permission.
package org.upswap.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.upswap.cli.text.Messages;
import org.upswap.client.PokeSender;
import org.upswap.client.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "poke", sortOptions = false)
final class PokeCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() throws Exception {
        Path socket = cli.sockets().poke();
        new PokeSender(socket).poke();
        if (cli.json()) {
            ObjectNode result = WireJson.newObject();
            result.put("poked", true);
            result.put("socket", socket.toString());
            JsonOutput.print(cli.environment().out(), result);
        } else {
            cli.environment().out().println(Messages.get("poke.sent"));
        }
        return ExitCodes.OK;
    }
}
