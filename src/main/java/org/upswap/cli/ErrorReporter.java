// Turns every way a command can fail into an exit status and a message on
// stderr ("upswap: ..."), with a hint where one helps.
package org.upswap.cli;

import java.io.PrintWriter;
import org.upswap.cli.text.Messages;
import org.upswap.client.HelperException;
import org.upswap.client.HelperTimeoutException;
import org.upswap.client.HelperUnavailableException;
import org.upswap.client.ProtocolException;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.publish.PublishException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Starts every line on stderr, so it is clear which program speaks. */
    static final String PREFIX = "upswap: ";

    private final UpswapCli cli;

    ErrorReporter(UpswapCli cli) {
        this.cli = cli;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = cli.environment().err();
        err.println(PREFIX + e.getMessage());
        if (e instanceof UnmatchedArgumentException unmatched) {
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        CommandLine command = e.getCommandLine();
        err.println(PREFIX + Messages.get("hint.usage", command.getCommandSpec().qualifiedName()));
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        Report report = classify(e);
        if (cli.json() && e instanceof HelperException refused) {
            JsonOutput.print(cli.environment().out(), JsonOutput.error(refused.code(), refused.getMessage()));
        }
        PrintWriter err = cli.environment().err();
        err.println(PREFIX + report.message());
        if (report.hint() != null) {
            err.println(PREFIX + report.hint());
        }
        err.flush();
        return report.exitCode();
    }

    private static Report classify(Exception e) {
        if (e instanceof CliFailure failure) {
            return new Report(failure.exitCode(), failure.getMessage(), failure.hint());
        }
        if (e instanceof HelperException refused) {
            return refusal(refused.code(), refused.getMessage());
        }
        if (e instanceof JobFailedException failed) {
            return refusal(failed.event().code(), failed.getMessage());
        }
        if (e instanceof HelperTimeoutException timeout) {
            return new Report(ExitCodes.UNREACHABLE, timeout.getMessage(), Messages.get("hint.timeout"));
        }
        if (e instanceof HelperUnavailableException unavailable) {
            return new Report(ExitCodes.UNREACHABLE, unavailable.getMessage(),
                    Messages.get("hint.unreachable", unavailable.socket()));
        }
        if (e instanceof ProtocolException protocol) {
            return new Report(ExitCodes.FAILED, Messages.get("error.protocol", protocol.getMessage()),
                    Messages.get("hint.protocol"));
        }
        if (e instanceof PublishException publish) {
            return new Report(ExitCodes.FAILED, publish.getMessage(), null);
        }
        if (e instanceof InterruptedException) {
            return new Report(ExitCodes.FAILED, Messages.get("error.interrupted"), null);
        }
        return new Report(ExitCodes.FAILED, Messages.get("error.unexpected", e), null);
    }

    private static Report refusal(ErrorCode code, String message) {
        int exit = code == ErrorCode.NOT_AUTHORIZED ? ExitCodes.NOT_AUTHORIZED : ExitCodes.FAILED;
        return new Report(exit, message, Messages.optional("hint." + code.wireName()).orElse(null));
    }

    private record Report(int exitCode, String message, String hint) {
    }
}
