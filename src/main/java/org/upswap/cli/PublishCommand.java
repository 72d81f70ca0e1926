// `upswap publish`: adds a release to a feed directory (see docs/feed.md).
// Works on files only; it does not talk to the helper.
package org.upswap.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.upswap.cli.text.Messages;
import org.upswap.cli.text.TargetText;
import org.upswap.cli.text.Units;
import org.upswap.client.WireJson;
import org.upswap.publish.FeedPublisher;
import org.upswap.publish.FeedRelease;
import org.upswap.publish.FeedSigner;
import org.upswap.publish.PublishRequest;
import org.upswap.publish.PublishResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "publish", sortOptions = false)
final class PublishCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = "--feed-dir", required = true, paramLabel = "DIR", descriptionKey = "publish.feedDir")
    private Path feedDir;

    @Option(names = "--product", required = true, paramLabel = "NAME", descriptionKey = "publish.product")
    private String product;

    @Option(names = "--version", required = true, paramLabel = "VERSION", descriptionKey = "publish.version")
    private String version;

    @Option(names = "--artifact", required = true, paramLabel = "FILE", descriptionKey = "publish.artifact")
    private Path artifact;

    @ArgGroup(exclusive = true)
    private Notes notes;

    @Option(names = "--critical", descriptionKey = "publish.critical")
    private boolean critical;

    @Option(names = "--min-from", paramLabel = "VERSION", descriptionKey = "publish.minFrom")
    private String minFrom;

    @Option(names = "--rollout", paramLabel = "PERCENT", defaultValue = "100", descriptionKey = "publish.rollout")
    private int rollout;

    @Option(names = "--expires-in", paramLabel = "DURATION", converter = DurationConverter.class,
            descriptionKey = "publish.expiresIn")
    private Duration expiresIn;

    @Option(names = "--keep", paramLabel = "N", descriptionKey = "publish.keep")
    private Integer keep;

    /** Release notes come from a file or from the command line, not both. */
    static final class Notes {

        @Option(names = "--notes-file", paramLabel = "FILE", descriptionKey = "publish.notesFile")
        Path file;

        @Option(names = "--notes", paramLabel = "TEXT", descriptionKey = "publish.notes")
        String text;
    }

    @Override
    public Integer call() throws Exception {
        PublishRequest request;
        try {
            request = PublishRequest.builder(feedDir, product, version, artifact)
                    .notes(readNotes())
                    .critical(critical)
                    .minFrom(minFrom)
                    .rollout(rollout)
                    .expiresIn(expiresIn)
                    .keep(keep)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PublishResult result = new FeedPublisher(cli.environment().clock(), FeedSigner.UNSIGNED)
                .publish(request);
        print(result, cli.environment().out());
        return ExitCodes.OK;
    }

    private String readNotes() throws CliFailure {
        if (notes == null) {
            return "";
        }
        if (notes.text != null) {
            return notes.text;
        }
        try {
            return Files.readString(notes.file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.FAILED, Messages.get("publish.notesMissing", notes.file), null);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILED, Messages.get("publish.notesUnreadable", notes.file,
                    e.getMessage()), null);
        }
    }

    private void print(PublishResult result, PrintWriter out) {
        FeedRelease release = result.release();
        if (cli.json()) {
            ObjectNode json = WireJson.newObject();
            json.put("feed", result.feedFile().toString());
            json.put("product", product);
            json.put("serial", result.serial());
            json.put("version", release.version());
            json.put("url", release.url());
            json.put("size", release.size());
            json.put("sha256", release.sha256());
            json.put("replaced", result.replaced());
            ArrayNode dropped = json.putArray("dropped");
            result.dropped().forEach(dropped::add);
            JsonOutput.print(out, json);
            return;
        }
        out.println(Messages.get(result.replaced() ? "publish.replaced" : "publish.added", product,
                release.version(), Units.size(release.size()), TargetText.shortHash(release.sha256()),
                result.feedFile(), result.serial()));
        if (!result.dropped().isEmpty()) {
            out.println(Messages.get("publish.dropped", String.join(", ", result.dropped())));
        }
    }
}
