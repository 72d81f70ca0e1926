// Typed access to one JSON object of a feed, with errors that say which file
// and which field ("feed.json: releases[2].deltas[0].size: ...").
package org.upswap.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

final class FeedFields {

    private final String source;
    private final String prefix;
    private final JsonNode node;

    /**
     * @param source names the feed, e.g. its path
     * @param prefix where {@code node} is in the feed, e.g. "releases[2]."; "" for the top level
     */
    FeedFields(String source, String prefix, JsonNode node) {
        this.source = source;
        this.prefix = prefix;
        this.node = node;
    }

    /** The fields of element {@code index} of the array {@code field}. */
    FeedFields element(String field, int index, JsonNode element) {
        return new FeedFields(source, prefix + field + "[" + index + "].", element);
    }

    /** Refuses anything but an object with only {@code allowed} fields. */
    void requireObject(Set<String> allowed) throws PublishException {
        if (!node.isObject()) {
            String where = prefix.isEmpty() ? "" : " " + prefix.substring(0, prefix.length() - 1);
            throw new PublishException(source + ":" + where + " is not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(name, "unknown field");
            }
        }
    }

    boolean has(String field) {
        return node.has(field);
    }

    String text(String field) throws PublishException {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw invalid(field, "expected a string, got " + value);
        }
        return value.textValue();
    }

    boolean bool(String field) throws PublishException {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw invalid(field, "expected true or false, got " + value);
        }
        return value.booleanValue();
    }

    long integer(String field, long min, long max) throws PublishException {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < min || value.longValue() > max) {
            throw invalid(field, "expected an integer from " + min + " to " + max + ", got " + value);
        }
        return value.longValue();
    }

    JsonNode array(String field) throws PublishException {
        JsonNode value = required(field);
        if (!value.isArray()) {
            throw invalid(field, "expected an array, got " + value.getNodeType().name().toLowerCase());
        }
        return value;
    }

    Instant instant(String field) throws PublishException {
        String text = text(field);
        Instant instant = FeedRules.parseTimestamp(text);
        if (instant == null) {
            throw invalid(field, "'" + text + "' is not a UTC time like 2027-06-01T00:00:00Z");
        }
        return instant;
    }

    PublishException invalid(String field, String problem) {
        return new PublishException(source + ": " + prefix + field + ": " + problem);
    }

    private JsonNode required(String field) throws PublishException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw invalid(field, "missing");
        }
        return value;
    }
}
