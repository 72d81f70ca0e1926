// The JSON side of the protocol: one strictly configured Jackson mapper,
// decoding helper lines into typed messages and encoding requests and models
// back into wire JSON. Unknown fields are ignored (the helper may add some
// within protocol 1); a known field of the wrong type is an error, never
// coerced ("5" is not a size, 1 is not true).
package org.upswap.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.model.StateEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.EventName;
import org.upswap.client.protocol.MessageKind;
import org.upswap.client.protocol.Protocol;

public final class WireJson {

    private static final JsonMapper MAPPER = newMapper();

    private WireJson() {
    }

    private static JsonMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** A new empty JSON object. */
    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** The compact one-line form of {@code node}, without a newline. */
    public static String toCompactString(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The wire JSON of a result record or an event, exactly as the helper
     * would send it (events with their {@code kind} and {@code event} fields).
     */
    public static ObjectNode toJson(Object value) {
        ObjectNode body = MAPPER.valueToTree(value);
        if (!(value instanceof HelperEvent event)) {
            return body;
        }
        ObjectNode envelope = newObject();
        envelope.put("kind", MessageKind.EVENT.wireName());
        envelope.put("event", event.name().wireName());
        envelope.setAll(body);
        return envelope;
    }

    /** Reads a reply's {@code result} as {@code type}. */
    public static <R> R readResult(JsonNode result, Class<R> type) throws ProtocolException {
        try {
            return MAPPER.treeToValue(result, type);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("bad " + type.getSimpleName() + " from upswap-helper: " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bad " + type.getSimpleName() + " from upswap-helper: " + e.getMessage(), e);
        }
    }

    /** Reads an event line of a known event name. */
    public static HelperEvent readEvent(EventName name, JsonNode line) throws ProtocolException {
        Class<? extends HelperEvent> type = switch (name) {
            case STATE -> StateEvent.class;
            case PROGRESS -> ProgressEvent.class;
            case CHECKED -> CheckedEvent.class;
            case UPDATED -> UpdatedEvent.class;
            case ERROR -> ErrorEvent.class;
            case RESTARTED -> RestartedEvent.class;
        };
        return readResult(line, type);
    }

    /** Decodes one helper line (without its newline). */
    static Incoming decode(byte[] line) throws ProtocolException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new ProtocolException("upswap-helper sent a line that is not JSON: " + originalMessage(e), e);
        }
        if (!(node instanceof ObjectNode message)) {
            throw new ProtocolException("upswap-helper sent a line that is not a JSON object");
        }
        MessageKind kind = wireEnum(message, "kind", MessageKind::fromWire);
        return switch (kind) {
            case REPLY -> new Incoming.Reply(requestId(message), object(message, "result"));
            case ERROR -> new Incoming.Failure(requestIdOrNull(message),
                    wireEnum(message, "code", ErrorCode::fromWire), text(message, "message"));
            case EVENT -> decodeEvent(message);
        };
    }

    private static Incoming decodeEvent(ObjectNode message) throws ProtocolException {
        String name = text(message, "event");
        EventName known;
        try {
            known = EventName.fromWire(name);
        } catch (IllegalArgumentException e) {
            return new Incoming.UnknownEvent(name);
        }
        return new Incoming.Event(readEvent(known, message));
    }

    private static long requestId(ObjectNode message) throws ProtocolException {
        JsonNode id = message.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()
                || id.longValue() < 0 || id.longValue() > Protocol.MAX_REQUEST_ID) {
            throw new ProtocolException("upswap-helper sent a " + message.path("kind").asText()
                    + " without a valid id: " + id);
        }
        return id.longValue();
    }

    /** Errors about a line whose id the helper could not read carry {@code "id": null}. */
    private static Long requestIdOrNull(ObjectNode message) throws ProtocolException {
        JsonNode id = message.get("id");
        return id == null || id.isNull() ? null : requestId(message);
    }

    private static JsonNode object(ObjectNode message, String field) throws ProtocolException {
        JsonNode value = message.get(field);
        if (value == null || !value.isObject()) {
            throw new ProtocolException("upswap-helper sent a " + message.path("kind").asText()
                    + " whose '" + field + "' is not an object");
        }
        return value;
    }

    private static String text(ObjectNode message, String field) throws ProtocolException {
        JsonNode value = message.get(field);
        if (value == null || !value.isTextual()) {
            throw new ProtocolException("upswap-helper sent a line whose '" + field + "' is not a string");
        }
        return value.textValue();
    }

    private static <E> E wireEnum(ObjectNode message, String field, Function<String, E> parse)
            throws ProtocolException {
        String name = text(message, field);
        try {
            return parse.apply(name);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("upswap-helper sent " + e.getMessage());
        }
    }

    /** "targets[0].available.size: Cannot coerce String value ("5") to `long` value". */
    private static String describe(JsonProcessingException e) {
        StringBuilder where = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    where.append(where.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    where.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        String what = e.getCause() instanceof IllegalArgumentException invalid
                ? invalid.getMessage() : originalMessage(e);
        return where.length() == 0 ? what : where + ": " + what;
    }

    private static String originalMessage(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        // Jackson appends advice about its own configuration; it only confuses a reader here.
        int advice = message.indexOf(" (but ");
        return advice > 0 ? message.substring(0, advice) : message;
    }
}
