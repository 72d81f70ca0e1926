// What `upswap publish` prints: the release and serial, what was dropped, the
// signature (or the command that signs an unsigned feed) and the announced
// next keys; as one JSON document with --json.
package org.upswap.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.upswap.cli.text.Messages;
import org.upswap.cli.text.ShellWords;
import org.upswap.cli.text.TargetText;
import org.upswap.cli.text.Units;
import org.upswap.client.WireJson;
import org.upswap.publish.FeedRelease;
import org.upswap.publish.Minisign;
import org.upswap.publish.MinisignPublicKey;
import org.upswap.publish.MinisignSigner;
import org.upswap.publish.PublishResult;

final class PublishOutput {

    /** Stands for the publisher's secret key file in the command printed for an unsigned feed. */
    static final String KEY_PLACEHOLDER = "KEY";

    private PublishOutput() {
    }

    static void print(PublishResult result, String product, boolean json, PrintWriter out) {
        if (json) {
            JsonOutput.print(out, toJson(result, product));
        } else {
            printText(result, product, out);
        }
    }

    /** The minisign command that signs the unsigned feed in place (writing feed.json.minisig next to it). */
    static List<String> signCommand(PublishResult result) {
        List<String> command = new ArrayList<>();
        command.add(Minisign.PROGRAM);
        command.addAll(MinisignSigner.arguments(Path.of(KEY_PLACEHOLDER), result.feedFile(), null,
                result.trustedComment(), false));
        return command;
    }

    private static void printText(PublishResult result, String product, PrintWriter out) {
        FeedRelease release = result.release();
        out.println(Messages.get(result.replaced() ? "publish.replaced" : "publish.added", product,
                release.version(), Units.size(release.size()), TargetText.shortHash(release.sha256()),
                result.feedFile(), result.serial()));
        if (!result.dropped().isEmpty()) {
            out.println(Messages.get("publish.dropped", String.join(", ", result.dropped())));
        }
        if (result.signed()) {
            out.println(Messages.get("publish.signed", result.signatureFile(), result.trustedComment()));
        } else {
            out.println(Messages.get("publish.unsigned", KEY_PLACEHOLDER));
            out.println("  " + ShellWords.join(signCommand(result)));
        }
        if (!result.nextKeys().isEmpty()) {
            out.println(Messages.get("publish.nextKeys",
                    String.join(", ", result.nextKeys().stream().map(MinisignPublicKey::keyId).toList())));
        }
    }

    private static ObjectNode toJson(PublishResult result, String product) {
        FeedRelease release = result.release();
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
        json.put("signature", result.signed() ? result.signatureFile().toString() : null);
        json.put("trusted_comment", result.trustedComment());
        if (!result.signed()) {
            ArrayNode command = json.putArray("sign_command");
            signCommand(result).forEach(command::add);
        }
        ArrayNode nextKeys = json.putArray("next_keys");
        result.nextKeys().forEach(key -> nextKeys.add(key.base64()));
        return json;
    }
}
