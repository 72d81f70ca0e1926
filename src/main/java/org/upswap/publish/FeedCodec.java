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
import java.util.List;
import java.util.Set;
import org.upswap.client.protocol.Names;

public final class FeedCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> FEED_FIELDS = Set.of("format", "product", "serial", "expires", "next_keys",
            "releases");
    private static final Set<String> RELEASE_FIELDS = Set.of("version", "url", "size", "sha256", "notes",
            "critical", "min_from", "rollout", "published", "deltas");
    private static final Set<String> DELTA_FIELDS = Set.of("from", "url", "size", "sha256", "format");

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
        FeedFields feed = new FeedFields(source, "", root);
        feed.requireObject(FEED_FIELDS);
        int format = (int) feed.integer("format", FeedRules.FORMAT, FeedRules.FORMAT);
        String product = feed.text("product");
        if (!Names.isTargetName(product)) {
            throw feed.invalid("product", "'" + product + "' is not a valid product name");
        }
        long serial = feed.integer("serial", 0, FeedRules.MAX_SERIAL);
        Instant expires = feed.has("expires") ? feed.instant("expires") : null;
        List<MinisignPublicKey> nextKeys = feed.has("next_keys") ? parseNextKeys(feed) : List.of();
        JsonNode releaseArray = feed.array("releases");
        if (releaseArray.size() > FeedRules.MAX_RELEASES) {
            throw feed.invalid("releases", "more than " + FeedRules.MAX_RELEASES + " releases");
        }
        List<FeedRelease> releases = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < releaseArray.size(); i++) {
            FeedFields fields = feed.element("releases", i, releaseArray.get(i));
            FeedRelease release = parseRelease(fields);
            if (!versions.add(release.version())) {
                throw fields.invalid("version", release.version() + " is listed twice");
            }
            releases.add(release);
        }
        return new Feed(format, product, serial, expires, nextKeys, releases);
    }

    private static List<MinisignPublicKey> parseNextKeys(FeedFields feed) throws PublishException {
        JsonNode array = feed.array("next_keys");
        if (array.size() > FeedRules.MAX_NEXT_KEYS) {
            throw feed.invalid("next_keys", "more than " + FeedRules.MAX_NEXT_KEYS + " keys");
        }
        List<MinisignPublicKey> keys = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "next_keys[" + i + "]";
            JsonNode value = array.get(i);
            if (!value.isTextual()) {
                throw feed.invalid(field, "expected a string, got " + value);
            }
            MinisignPublicKey key;
            try {
                key = MinisignPublicKey.parse(value.textValue());
            } catch (IllegalArgumentException e) {
                throw feed.invalid(field, "not a minisign public key: " + e.getMessage());
            }
            if (keys.contains(key)) {
                throw feed.invalid(field, "key " + key.keyId() + " is listed twice");
            }
            keys.add(key);
        }
        return keys;
    }

    private static FeedRelease parseRelease(FeedFields release) throws PublishException {
        release.requireObject(RELEASE_FIELDS);
        String version = release.text("version");
        if (!Names.isVersion(version)) {
            throw release.invalid("version", "'" + version + "' is not a valid version");
        }
        String url = artifactUrl(release);
        long size = release.integer("size", 0, FeedRules.MAX_ARTIFACT_BYTES);
        String sha256 = sha256(release);
        String notes = release.has("notes") ? release.text("notes") : "";
        if (!FeedRules.isValidNotes(notes)) {
            throw release.invalid("notes", "longer than " + FeedRules.MAX_NOTES_BYTES
                    + " bytes or has control characters other than newline and tab");
        }
        boolean critical = release.has("critical") && release.bool("critical");
        String minFrom = release.has("min_from") ? release.text("min_from") : null;
        if (minFrom != null && !Names.isVersion(minFrom)) {
            throw release.invalid("min_from", "'" + minFrom + "' is not a valid version");
        }
        int rollout = release.has("rollout")
                ? (int) release.integer("rollout", 0, FeedRules.MAX_ROLLOUT) : FeedRules.MAX_ROLLOUT;
        Instant published = release.has("published") ? release.instant("published") : null;
        List<FeedDelta> deltas = release.has("deltas") ? parseDeltas(release) : List.of();
        return new FeedRelease(version, url, size, sha256, notes, critical, minFrom, rollout, published, deltas);
    }

    private static List<FeedDelta> parseDeltas(FeedFields release) throws PublishException {
        JsonNode array = release.array("deltas");
        List<FeedDelta> deltas = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            FeedFields delta = release.element("deltas", i, array.get(i));
            delta.requireObject(DELTA_FIELDS);
            String from = delta.text("from");
            if (!Names.isVersion(from)) {
                throw delta.invalid("from", "'" + from + "' is not a valid version");
            }
            String url = artifactUrl(delta);
            long size = delta.integer("size", 0, FeedRules.MAX_ARTIFACT_BYTES);
            String sha256 = sha256(delta);
            String format = delta.text("format");
            if (!FeedRules.isDeltaFormat(format)) {
                throw delta.invalid("format", "'" + format + "' is not a format name like bsdiff4");
            }
            for (FeedDelta other : deltas) {
                if (other.from().equals(from) && other.format().equals(format)) {
                    throw delta.invalid("from", "a " + format + " delta from " + from + " is listed twice");
                }
            }
            deltas.add(new FeedDelta(from, url, size, sha256, format));
        }
        return deltas;
    }

    private static String artifactUrl(FeedFields fields) throws PublishException {
        String url = fields.text("url");
        if (!FeedRules.isArtifactUrl(url)) {
            throw fields.invalid("url", "'" + url + "' is neither a plain file name nor an absolute URL"
                    + " of at most " + FeedRules.MAX_URL_BYTES + " bytes");
        }
        return url;
    }

    private static String sha256(FeedFields fields) throws PublishException {
        String sha256 = fields.text("sha256");
        if (!FeedRules.isSha256(sha256)) {
            throw fields.invalid("sha256", "not 64 lowercase hex digits");
        }
        return sha256;
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
        if (!feed.nextKeys().isEmpty()) {
            ArrayNode keys = root.putArray("next_keys");
            feed.nextKeys().forEach(key -> keys.add(key.base64()));
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
            if (!release.deltas().isEmpty()) {
                ArrayNode deltas = node.putArray("deltas");
                for (FeedDelta delta : release.deltas()) {
                    ObjectNode entry = deltas.addObject();
                    entry.put("from", delta.from());
                    entry.put("url", delta.url());
                    entry.put("size", delta.size());
                    entry.put("sha256", delta.sha256());
                    entry.put("format", delta.format());
                }
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
}
