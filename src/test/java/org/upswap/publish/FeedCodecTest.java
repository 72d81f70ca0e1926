// Reading feeds as strictly as the helper does, and writing them back.
package org.upswap.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedCodecTest {

    private static final String SHA = "a".repeat(64);
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
        Feed feed = new Feed(1, "demo", 7, Instant.parse("2027-06-01T00:00:00Z"), List.of(
                new FeedRelease("2.0.0", "demo-2.0.0", 18312, SHA, "Faster.", true, "1.0.0", 40,
                        Instant.parse("2026-12-04T12:00:00Z")),
                new FeedRelease("1.0.0", "https://cdn.example.org/demo/1.0.0", 1, SHA, "", false, null, 100, null)));

        assertThat(FeedCodec.parse(FeedCodec.serialize(feed), "feed.json")).isEqualTo(feed);
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

    private static String feed(String releases) {
        return "{\"format\":1,\"product\":\"demo\",\"serial\":3,\"releases\":[" + releases + "]}";
    }

    private static Feed parse(String json) throws PublishException {
        return FeedCodec.parse(json.getBytes(StandardCharsets.UTF_8), "feed.json");
    }

    private static void assertRefused(String json, String messageStart) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(PublishException.class).hasMessageStartingWith(messageStart);
    }
}
