// -h/--help for subcommands. Only the top command has --version, because
// `publish` uses --version for the release it publishes.
package org.upswap.cli;

import picocli.CommandLine.Option;

final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "option.help")
    private boolean help;
}
