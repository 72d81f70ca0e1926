// Reading feeds as strictly as the helper does, and writing them back.
package org.upswap.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedCodecTest {

    private static final String SHA = "a".repeat(64);
    /** A real minisign public key; minisign prints its id as 406CE724A66A7209. */
    private static final String KEY = "RWQJcmqmJOdsQNV0ua/uQN7DzdG5DQVqeKdLEYIlf/kwJc8KNkuFZEMe";
    private static final String OTHER_KEY = "RWQRM+AbG6nGWy46jM/dqDDc4CxvigR2YdPrWGHpcUWlyO312EgbczqO";
    private static final String RELEASE = "{\"version\":\"2.0.0\",\"url\":\"demo-2.0.0\",\"size\":18312,"
            + "\"sha256\":\"" + SHA + "\"}";

    @Test
    void optionalFieldsTakeTheirDefaults() throws PublishException {
        Feed feed = parse(feed(RELEASE));

        FeedRelease release = feed.releases().get(0);
        assertThat(feed.expires()).isNull();
        assertThat(release.notes()).isEmpty();
        assertThat(release.critical()).isFalse();
        assertThat(release.minFrom()).isNull();
        assertThat(release.rollout()).isEqualTo(100);
        assertThat(release.published()).isNull();
    }

    @Test
    void whatIsWrittenReadsBackEqual() throws PublishException {
        Feed feed = new Feed(1, "demo", 7, Instant.parse("2027-06-01T00:00:00Z"),
                List.of(new MinisignPublicKey(KEY), new MinisignPublicKey(OTHER_KEY)), List.of(
                new FeedRelease("2.0.0", "demo-2.0.0", 18312, SHA, "Faster.\n\tReally.", true, "1.0.0", 40,
                        Instant.parse("2026-12-04T12:00:00Z"), List.of(
                                new FeedDelta("1.0.0", "demo-1.0.0-2.0.0.bsdiff", 812, SHA, "bsdiff4"),
                                new FeedDelta("1.5.0", "https://cdn.example.org/d", 90, SHA, "bsdiff4"))),
                new FeedRelease("1.0.0", "https://cdn.example.org/demo/1.0.0", 1, SHA, "", false, null, 100, null,
                        List.of())));

        assertThat(FeedCodec.parse(FeedCodec.serialize(feed), "feed.json")).isEqualTo(feed);
    }

    @Test
    void nextKeysAndDeltasAreReadAsWritten() throws PublishException {
        String delta = "{\"from\":\"1.0.0\",\"url\":\"demo-1.0.0-2.0.0.bsdiff\",\"size\":812,\"sha256\":\"" + SHA
                + "\",\"format\":\"bsdiff4\"}";
        Feed feed = parse(feed(RELEASE.replace("}", ",\"deltas\":[" + delta + "]}"))
                .replace("\"serial\":3", "\"serial\":3,\"next_keys\":[\"" + KEY + "\"]"));

        assertThat(feed.nextKeys()).containsExactly(new MinisignPublicKey(KEY));
        assertThat(feed.releases().get(0).deltas()).containsExactly(
                new FeedDelta("1.0.0", "demo-1.0.0-2.0.0.bsdiff", 812, SHA, "bsdiff4"));
    }

    @Test
    void emptyNextKeysAndDeltasAreLeftOutWhenWritten() throws PublishException {
        Feed feed = parse(feed(RELEASE.replace("}", ",\"deltas\":[]}")).replace("\"serial\":3",
                "\"serial\":3,\"next_keys\":[]"));

        String written = new String(FeedCodec.serialize(feed), StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("next_keys", "deltas");
    }

    @Test
    void badNextKeysAreReportedWithTheirIndex() {
        assertRefused(withNextKeys("\"" + KEY + "\""), null);
        assertRefused(withNextKeys("\"" + KEY.replace('/', '!') + "\""),
                "feed.json: next_keys[0]: not a minisign public key: it is not base64");
        assertRefused(withNextKeys("\"" + KEY + "\",\"" + KEY.substring(0, 52) + "\""),
                "feed.json: next_keys[1]: not a minisign public key: it decodes to 39 bytes");
        assertRefused(withNextKeys("\"" + KEY + "\",\"" + KEY + "\""),
                "feed.json: next_keys[1]: key 406CE724A66A7209 is listed twice");
        assertRefused(withNextKeys("7"), "feed.json: next_keys[0]: expected a string");
        assertRefused(feed(RELEASE).replace("\"serial\":3", "\"serial\":3,\"next_keys\":\"" + KEY + "\""),
                "feed.json: next_keys: expected an array");
        String nine = String.join(",", Collections.nCopies(9, "\"" + KEY + "\""));
        assertRefused(withNextKeys(nine), "feed.json: next_keys: more than 8 keys");
    }

    @Test
    void badDeltasAreReportedWithTheirPlace() {
        String delta = "{\"from\":\"1.0.0\",\"url\":\"d\",\"size\":1,\"sha256\":\"" + SHA
                + "\",\"format\":\"bsdiff4\"}";
        assertRefused(withDeltas(delta), null);
        assertRefused(withDeltas(delta.replace("\"1.0.0\"", "\"1.0 0\"")),
                "feed.json: releases[0].deltas[0].from: '1.0 0' is not a valid version");
        assertRefused(withDeltas(delta.replace("\"d\"", "\"../d\"")), "feed.json: releases[0].deltas[0].url:");
        assertRefused(withDeltas(delta.replace("\"size\":1", "\"size\":" + ((4L << 30) + 1))),
                "feed.json: releases[0].deltas[0].size:");
        assertRefused(withDeltas(delta.replace(SHA, "A".repeat(64))), "feed.json: releases[0].deltas[0].sha256:");
        assertRefused(withDeltas(delta.replace("bsdiff4", "BSDIFF 4")),
                "feed.json: releases[0].deltas[0].format: 'BSDIFF 4' is not a format name");
        assertRefused(withDeltas(delta.replace("}", ",\"compressed\":true}")),
                "feed.json: releases[0].deltas[0].compressed: unknown field");
        assertRefused(withDeltas(delta.replace(",\"format\":\"bsdiff4\"", "")),
                "feed.json: releases[0].deltas[0].format: missing");
        assertRefused(withDeltas(delta + "," + delta.replace("\"d\"", "\"e\"")),
                "feed.json: releases[0].deltas[1].from: a bsdiff4 delta from 1.0.0 is listed twice");
        assertRefused(withDeltas("[]"), "feed.json: releases[0].deltas[0] is not a JSON object");
    }

    @Test
    void notesMayHoldNewlinesAndTabsButNoOtherControlCharacters() throws PublishException {
        assertThat(parse(feed(RELEASE.replace("}", ",\"notes\":\"a\\n\\tb\"}"))).releases().get(0).notes())
                .isEqualTo("a\n\tb");
        assertRefused(feed(RELEASE.replace("}", ",\"notes\":\"a\\r\\nb\"}")), "feed.json: releases[0].notes:");
        assertRefused(feed(RELEASE.replace("}", ",\"notes\":\"\\u001b[2Jgone\"}")), "feed.json: releases[0].notes:");
    }

    @Test
    void eachBrokenRuleIsReportedWithItsField() {
        assertRefused(feed(RELEASE).replace("\"format\":1", "\"format\":2"), "feed.json: format: expected an integer from 1 to 1");
        assertRefused(feed(RELEASE).replace("\"product\":\"demo\"", "\"product\":\"Demo\""), "feed.json: product:");
        assertRefused(feed(RELEASE).replace("\"serial\":3", "\"serial\":-1"), "feed.json: serial:");
        assertRefused(feed(RELEASE).replace("\"serial\":3", "\"serial\":3,\"signed\":true"),
                "feed.json: signed: unknown field");
        assertRefused(feed(RELEASE.replace(SHA, SHA.toUpperCase())), "feed.json: releases[0].sha256:");
        assertRefused(feed(RELEASE.replace("demo-2.0.0", "../demo")), "feed.json: releases[0].url:");
        assertRefused(feed(RELEASE.replace("demo-2.0.0", ".hidden")), "feed.json: releases[0].url:");
        assertRefused(feed(RELEASE.replace("18312", "\"18312\"")), "feed.json: releases[0].size:");
        assertRefused(feed(RELEASE.replace("}", ",\"rollout\":101}")), "feed.json: releases[0].rollout:");
        assertRefused(feed(RELEASE.replace("}", ",\"critical\":\"no\"}")), "feed.json: releases[0].critical:");
        assertRefused(feed(RELEASE.replace("}", ",\"notes\":\"" + "x".repeat(4097) + "\"}")),
                "feed.json: releases[0].notes:");
        assertRefused(feed(RELEASE + "," + RELEASE), "feed.json: releases[1].version: 2.0.0 is listed twice");
        assertRefused(feed(RELEASE).replace("\"serial\":3", "\"serial\":3,\"expires\":\"2027-06-01T00:00:00+02:00\""),
                "feed.json: expires:");
        assertRefused(feed(RELEASE).replace("\"releases\"", "\"release\""), "feed.json: release: unknown field");
        assertRefused(feed(RELEASE).replace("\"serial\":3", "\"serial\":3,\"expires\":\"2027-06-01T00:00:00.5Z\""),
                "feed.json: expires:");
        assertRefused(feed(RELEASE.replace("}", ",\"published\":\"2027-02-30T00:00:00Z\"}")),
                "feed.json: releases[0].published:");
        assertRefused(feed(RELEASE.replace("18312", Long.toString((4L << 30) + 1))), "feed.json: releases[0].size:");
        assertRefused(feed(RELEASE.replace("demo-2.0.0", "https://example.org/" + "x".repeat(2048))),
                "feed.json: releases[0].url:");
        assertRefused(feed(RELEASE.replace("demo-2.0.0", "x".repeat(129))), "feed.json: releases[0].url:");
        assertRefused(feed(RELEASE.replace("}", ",\"notes\":\"a\\u0000b\"}")), "feed.json: releases[0].notes:");
        assertRefused(feed(RELEASE.replace("\"2.0.0\"", "\"-2.0.0\"")), "feed.json: releases[0].version:");
        assertRefused("[]", "feed.json: is not a JSON object");
        assertRefused("{", "feed.json: not valid JSON");
    }

    @Test
    void moreThanTheReleaseLimitIsRefused() {
        StringBuilder releases = new StringBuilder();
        for (int i = 0; i <= FeedRules.MAX_RELEASES; i++) {
            releases.append(i == 0 ? "" : ",").append(RELEASE.replace("2.0.0", "1." + i));
        }

        assertRefused(feed(releases.toString()), "feed.json: releases: more than 256 releases");
    }

    @Test
    void aFeedOverOneMebibyteIsRefusedBeforeParsing() {
        byte[] big = new byte[FeedRules.MAX_FEED_BYTES + 1];

        assertThatThrownBy(() -> FeedCodec.parse(big, "feed.json"))
                .isInstanceOf(PublishException.class).hasMessageContaining("larger than");
    }

    @Test
    void absoluteUrlsAreAllowed() throws PublishException {
        Feed feed = parse(feed(RELEASE.replace("demo-2.0.0", "https://cdn.example.org/demo/2.0.0")));

        assertThat(feed.releases().get(0).url()).isEqualTo("https://cdn.example.org/demo/2.0.0");
    }

    private static String withNextKeys(String keys) {
        return feed(RELEASE).replace("\"serial\":3", "\"serial\":3,\"next_keys\":[" + keys + "]");
    }

    private static String withDeltas(String deltas) {
        return feed(RELEASE.replace("}", ",\"deltas\":[" + deltas + "]}"));
    }

    private static String feed(String releases) {
        return "{\"format\":1,\"product\":\"demo\",\"serial\":3,\"releases\":[" + releases + "]}";
    }

    private static Feed parse(String json) throws PublishException {
        return FeedCodec.parse(json.getBytes(StandardCharsets.UTF_8), "feed.json");
    }

    /** @param messageStart null: the feed is fine (so each refusal above is caused by what it changes) */
    private static void assertRefused(String json, String messageStart) {
        if (messageStart == null) {
            assertThatCode(() -> parse(json)).doesNotThrowAnyException();
            return;
        }
        assertThatThrownBy(() -> parse(json)).isInstanceOf(PublishException.class).hasMessageStartingWith(messageStart);
    }
}
