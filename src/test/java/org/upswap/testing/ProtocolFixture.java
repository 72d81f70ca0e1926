// Read access to docs/protocol/examples.json for tests that need realistic
// helper answers.
package org.upswap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

public final class ProtocolFixture {

    private static final JsonNode FIXTURE = load();

    private ProtocolFixture() {
    }

    /** A top-level member of the fixture, e.g. {@code version_order}. */
    public static JsonNode get(String key) {
        JsonNode node = FIXTURE.get(key);
        if (node == null) {
            throw new IllegalArgumentException("the fixture has no member " + key);
        }
        return node;
    }

    /** The {@code result} of the fixture's reply with id {@code id}, as JSON text. */
    public static String result(long id) {
        for (JsonNode reply : FIXTURE.get("replies")) {
            if (reply.path("id").asLong(-1) == id && reply.has("result")) {
                return reply.get("result").toString();
            }
        }
        throw new IllegalArgumentException("the fixture has no reply with id " + id);
    }

    /** The fixture's event named {@code name}, as JSON text. */
    public static String event(String name) {
        for (JsonNode event : FIXTURE.get("events")) {
            if (event.get("event").asText().equals(name)) {
                return event.toString();
            }
        }
        throw new IllegalArgumentException("the fixture has no " + name + " event");
    }

    private static JsonNode load() {
        Path file = Path.of(System.getProperty("upswap.basedir", "."), "docs", "protocol", "examples.json");
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
