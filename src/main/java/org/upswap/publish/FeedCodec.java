// Reads feed.json strictly (every rule the helper applies, unknown fields
// refused, errors naming the field) and writes it in one stable layout.
package org.upswap.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.upswap.client.protocol.Names;

public final class FeedCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> FEED_FIELDS = Set.of("format", "product", "serial", "expires", "releases");
    private static final Set<String> RELEASE_FIELDS = Set.of("version", "url", "size", "sha256", "notes",
            "critical", "min_from", "rollout", "published");

    private FeedCodec() {
    }

    /**
     * Parses and checks a feed.
     *
     * @param source names the feed in error messages, e.g. its path
     */
    public static Feed parse(byte[] json, String source) throws PublishException {
        if (json.length > FeedRules.MAX_FEED_BYTES) {
            throw new PublishException(source + ": larger than " + FeedRules.MAX_FEED_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage();
            throw new PublishException(source + ": not valid JSON: " + detail, e);
        }
        Reader feed = new Reader(source, "", root);
        feed.requireObject(FEED_FIELDS);
        int format = (int) feed.integer("format", FeedRules.FORMAT, FeedRules.FORMAT);
        String product = feed.text("product");
        if (!Names.isTargetName(product)) {
            throw feed.invalid("product", "'" + product + "' is not a valid product name");
        }
        long serial = feed.integer("serial", 0, FeedRules.MAX_SERIAL);
        Instant expires = feed.has("expires") ? feed.instant("expires") : null;
        JsonNode releaseArray = feed.array("releases");
        if (releaseArray.size() > FeedRules.MAX_RELEASES) {
            throw feed.invalid("releases", "more than " + FeedRules.MAX_RELEASES + " releases");
        }
        List<FeedRelease> releases = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < releaseArray.size(); i++) {
            FeedRelease release = parseRelease(new Reader(source, "releases[" + i + "].", releaseArray.get(i)));
            if (!versions.add(release.version())) {
                throw new PublishException(source + ": releases[" + i + "].version: " + release.version()
                        + " is listed twice");
            }
            releases.add(release);
        }
        return new Feed(format, product, serial, expires, releases);
    }

    private static FeedRelease parseRelease(Reader release) throws PublishException {
        release.requireObject(RELEASE_FIELDS);
        String version = release.text("version");
        if (!Names.isVersion(version)) {
            throw release.invalid("version", "'" + version + "' is not a valid version");
        }
        String url = release.text("url");
        if (!FeedRules.isArtifactUrl(url)) {
            throw release.invalid("url", "'" + url + "' is neither a plain file name nor an absolute URL"
                    + " of at most " + FeedRules.MAX_URL_BYTES + " bytes");
        }
        long size = release.integer("size", 0, FeedRules.MAX_ARTIFACT_BYTES);
        String sha256 = release.text("sha256");
        if (!FeedRules.isSha256(sha256)) {
            throw release.invalid("sha256", "not 64 lowercase hex digits");
        }
        String notes = release.has("notes") ? release.text("notes") : "";
        if (!FeedRules.isValidNotes(notes)) {
            throw release.invalid("notes", "longer than " + FeedRules.MAX_NOTES_BYTES + " bytes or contains NUL");
        }
        boolean critical = release.has("critical") && release.bool("critical");
        String minFrom = release.has("min_from") ? release.text("min_from") : null;
        if (minFrom != null && !Names.isVersion(minFrom)) {
            throw release.invalid("min_from", "'" + minFrom + "' is not a valid version");
        }
        int rollout = release.has("rollout")
                ? (int) release.integer("rollout", 0, FeedRules.MAX_ROLLOUT) : FeedRules.MAX_ROLLOUT;
        Instant published = release.has("published") ? release.instant("published") : null;
        return new FeedRelease(version, url, size, sha256, notes, critical, minFrom, rollout, published);
    }

    /** The feed as UTF-8 JSON: two-space indent, fields in documented order, trailing newline. */
    public static byte[] serialize(Feed feed) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", feed.format());
        root.put("product", feed.product());
        root.put("serial", feed.serial());
        if (feed.expires() != null) {
            root.put("expires", timestamp(feed.expires()));
        }
        ArrayNode releases = root.putArray("releases");
        for (FeedRelease release : feed.releases()) {
            ObjectNode node = releases.addObject();
            node.put("version", release.version());
            node.put("url", release.url());
            node.put("size", release.size());
            node.put("sha256", release.sha256());
            node.put("notes", release.notes());
            node.put("critical", release.critical());
            if (release.minFrom() != null) {
                node.put("min_from", release.minFrom());
            }
            node.put("rollout", release.rollout());
            if (release.published() != null) {
                node.put("published", timestamp(release.published()));
            }
        }
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            String text = MAPPER.writer(printer).writeValueAsString(root) + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 3339 in UTC with whole seconds, e.g. 2027-06-01T00:00:00Z. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Typed access to one JSON object, with errors that say where. */
    private static final class Reader {

        private final String source;
        private final String prefix;
        private final JsonNode node;

        Reader(String source, String prefix, JsonNode node) {
            this.source = source;
            this.prefix = prefix;
            this.node = node;
        }

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
}
