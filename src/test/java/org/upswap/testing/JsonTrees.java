// Compares JSON as JSON: Jackson's nodes for 1 built from an int and read
// from text differ in class (IntNode, LongNode) though the JSON is the same.
package org.upswap.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

public final class JsonTrees {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTrees() {
    }

    /** {@code node} as it reads back from its own text, so equal JSON gives equal trees. */
    public static JsonNode canonical(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
