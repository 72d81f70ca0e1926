// Machine output for --json: one compact JSON document per line. Helper
// results and events are written exactly as the protocol defines them
// (docs/protocol.md), so scripts can rely on that document.
package org.upswap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.upswap.client.WireJson;
import org.upswap.client.protocol.ErrorCode;

final class JsonOutput {

    private JsonOutput() {
    }

    /** Prints a result record, an event, or a ready-made JSON node. */
    static void print(PrintWriter out, Object value) {
        JsonNode json = value instanceof JsonNode node ? node : WireJson.toJson(value);
        out.println(WireJson.toCompactString(json));
        out.flush();
    }

    /** {"error": {"code": ..., "message": ...}}: how a refusal by the helper is printed. */
    static ObjectNode error(ErrorCode code, String message) {
        ObjectNode document = WireJson.newObject();
        ObjectNode error = document.putObject("error");
        error.put("code", code.wireName());
        error.put("message", message);
        return document;
    }
}
