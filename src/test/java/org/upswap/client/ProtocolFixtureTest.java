// Holds the Java side to docs/protocol/examples.json, the fixture the C
// helper's tests read too: the closed sets, every request, reply and event.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.testing.JsonTrees.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.upswap.client.model.CancelResult;
import org.upswap.client.model.CheckResult;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.HelloResult;
import org.upswap.client.model.HelperStatus;
import org.upswap.client.model.JobStarted;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.model.StateEvent;
import org.upswap.client.model.SubscribeResult;
import org.upswap.client.model.Target;
import org.upswap.client.model.TargetList;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.EventName;
import org.upswap.client.protocol.HelperState;
import org.upswap.client.protocol.Permission;
import org.upswap.client.protocol.ProgressPhase;
import org.upswap.client.protocol.Protocol;
import org.upswap.client.protocol.RequestKind;
import org.upswap.client.protocol.TargetState;
import org.upswap.client.protocol.WireEnum;

class ProtocolFixtureTest {

    private static JsonNode fixture;
    /** Request id in the fixture → that request, to know which result type a reply has. */
    private static final Map<Long, JsonNode> REQUESTS_BY_ID = new HashMap<>();

    @BeforeAll
    static void loadFixture() throws IOException {
        Path file = Path.of(System.getProperty("upswap.basedir", "."), "docs", "protocol", "examples.json");
        fixture = new ObjectMapper().readTree(file.toFile());
        fixture.get("requests").forEach(request -> REQUESTS_BY_ID.put(request.get("id").asLong(), request));
    }

    @Test
    void protocolVersionMatches() {
        assertThat(fixture.get("protocol").asInt()).isEqualTo(Protocol.VERSION);
    }

    @Test
    void closedSetsAreExactlyTheFixtures() {
        assertThat(wireNames(RequestKind.values())).containsExactlyElementsOf(texts("request_kinds"));
        assertThat(wireNames(EventName.values())).containsExactlyElementsOf(texts("event_names"));
        assertThat(wireNames(ErrorCode.values())).containsExactlyElementsOf(texts("error_codes"));
        assertThat(wireNames(TargetState.values())).containsExactlyElementsOf(texts("target_states"));
        assertThat(wireNames(Action.values())).containsExactlyElementsOf(texts("actions"));
    }

    @Test
    void permissionValuesAreThoseTheFixtureUses() {
        Set<String> used = new TreeSet<>();
        fixture.get("replies").get(0).get("result").get("actions").forEach(value -> used.add(value.asText()));
        assertThat(wireNames(Permission.values())).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void everyFixtureRequestIsBuiltIdentically() {
        EnumSet<RequestKind> covered = EnumSet.noneOf(RequestKind.class);
        for (JsonNode expected : fixture.get("requests")) {
            Request<?> request = build(expected);
            covered.add(request.kind());
            assertThat(canonical(request.toJson(expected.get("id").asLong())))
                    .as("request %s", expected)
                    .isEqualTo(expected);
        }
        assertThat(covered).containsExactlyInAnyOrder(RequestKind.values());
    }

    @Test
    void everyFixtureReplyDecodesAndEncodesBackUnchanged() throws ProtocolException {
        int replies = 0;
        int decoded = 0;
        for (JsonNode line : fixture.get("replies")) {
            replies += line.get("kind").asText().equals("reply") ? 1 : 0;
            Incoming incoming = decode(line);
            if (!(incoming instanceof Incoming.Reply reply)) {
                continue;
            }
            decoded++;
            Object result = WireJson.readResult(reply.result(), build(REQUESTS_BY_ID.get(reply.id())).resultType());
            assertThat(canonical(WireJson.toJson(result))).as("reply %s", line).isEqualTo(line.get("result"));
        }
        assertThat(decoded).isEqualTo(replies).isPositive();
    }

    @Test
    void helloReplyHasPeerAndActions() throws ProtocolException {
        HelloResult hello = result(1, HelloResult.class);
        assertThat(hello.protocol()).isEqualTo(1);
        assertThat(hello.helper()).isEqualTo("0.1.0");
        assertThat(hello.peer().uid()).isEqualTo(1000);
        assertThat(hello.peer().pid()).isEqualTo(4242);
        assertThat(hello.permission(Action.UPDATE)).isEqualTo(Permission.YES);
        assertThat(hello.permission(Action.DOWNGRADE)).isEqualTo(Permission.AUTH);
        assertThat(hello.permission(Action.CONFIGURE)).isEqualTo(Permission.NO);
    }

    @Test
    void statusReplyHasJobStatsAndTargets() throws ProtocolException {
        HelperStatus status = result(3, HelperStatus.class);
        assertThat(status.state()).isEqualTo(HelperState.BUSY);
        assertThat(status.uptime()).isEqualTo(3600);
        assertThat(status.job().id()).isEqualTo(3);
        assertThat(status.job().target()).isEqualTo("demo");
        assertThat(status.stats().pokesIgnored()).isEqualTo(6);
        assertThat(status.targets()).singleElement().satisfies(target -> {
            assertThat(target.state()).isEqualTo(TargetState.DOWNLOADING);
            assertThat(target.installed().version()).isEqualTo("1.0.0");
            assertThat(target.available().size()).isEqualTo(18312);
            assertThat(target.available().notes()).isEqualTo("Faster start-up.");
        });
        assertThat(status.configErrors()).singleElement().asString().startsWith("/etc/upswap/targets.d/tool.conf:3:");
    }

    @Test
    void listTargetsReplyKeepsNulls() throws ProtocolException {
        Target target = result(4, TargetList.class).targets().get(0);
        assertThat(target.path()).isEqualTo("/opt/demo/bin/demo");
        assertThat(target.interval()).isEqualTo(21600);
        assertThat(target.installed().version()).isNull();
        assertThat(target.available()).isNull();
        assertThat(target.previous()).isNull();
        assertThat(target.lastCheck()).isNull();
        assertThat(target.lastError()).isNull();
    }

    @Test
    void smallRepliesCarryTheirValues() throws ProtocolException {
        assertThat(result(5, CheckResult.class).started()).isTrue();
        assertThat(result(5, CheckResult.class).retryAfter()).isNull();
        assertThat(result(6, CheckResult.class).retryAfter()).isEqualTo(42L);
        assertThat(result(7, JobStarted.class).job()).isEqualTo(3);
        assertThat(result(11, CancelResult.class).cancelled()).containsExactly(3L);
        assertThat(result(12, SubscribeResult.class).subscribed()).isTrue();
    }

    @Test
    void errorRepliesCarryCodeAndMessage() throws ProtocolException {
        List<Incoming.Failure> failures = new ArrayList<>();
        for (JsonNode line : fixture.get("replies")) {
            if (decode(line) instanceof Incoming.Failure failure) {
                failures.add(failure);
            }
        }
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0).id()).isEqualTo(8L);
        assertThat(failures.get(0).code()).isEqualTo(ErrorCode.MODIFIED);
        assertThat(failures.get(0).message()).startsWith("/opt/demo/bin/demo was changed outside upswap");
        assertThat(failures.get(1).id()).isNull();
        assertThat(failures.get(1).code()).isEqualTo(ErrorCode.PARSE_ERROR);
    }

    @Test
    void everyFixtureEventDecodesAndEncodesBackUnchanged() throws ProtocolException {
        EnumSet<EventName> covered = EnumSet.noneOf(EventName.class);
        for (JsonNode line : fixture.get("events")) {
            Incoming incoming = decode(line);
            assertThat(incoming).isInstanceOf(Incoming.Event.class);
            Incoming.Event event = (Incoming.Event) incoming;
            covered.add(event.event().name());
            assertThat(event.event().name().wireName()).isEqualTo(line.get("event").asText());
            assertThat(canonical(WireJson.toJson(event.event()))).as("event %s", line).isEqualTo(line);
        }
        assertThat(covered).containsExactlyInAnyOrder(EventName.values());
    }

    @Test
    void eventsCarryTheirValues() throws ProtocolException {
        List<Object> events = new ArrayList<>();
        for (JsonNode line : fixture.get("events")) {
            events.add(((Incoming.Event) decode(line)).event());
        }
        StateEvent state = (StateEvent) events.get(0);
        assertThat(state.target().state()).isEqualTo(TargetState.CHECKING);
        assertThat(state.target().previous().version()).isEqualTo("0.9.0");
        assertThat(state.target().lastCheck()).isEqualTo(1764860000L);
        ProgressEvent progress = (ProgressEvent) events.get(1);
        assertThat(progress.phase()).isEqualTo(ProgressPhase.DOWNLOAD);
        assertThat(progress.done()).isEqualTo(1048576);
        assertThat(progress.total()).isEqualTo(4194304);
        assertThat(progress.rate()).isEqualTo(52428800);
        assertThat(progress.concernsJob(3)).isTrue();
        assertThat(((CheckedEvent) events.get(2)).available()).isEqualTo("2.0.0");
        assertThat(((CheckedEvent) events.get(2)).serial()).isEqualTo(12);
        UpdatedEvent updated = (UpdatedEvent) events.get(3);
        assertThat(updated.from()).isEqualTo("1.0.0");
        assertThat(updated.to()).isEqualTo("2.0.0");
        assertThat(updated.rollback()).isFalse();
        ErrorEvent error = (ErrorEvent) events.get(4);
        assertThat(error.code()).isEqualTo(ErrorCode.VERIFY_FAILED);
        assertThat(error.job()).isEqualTo(3L);
        assertThat(error.concernsJob(3)).isTrue();
        assertThat(error.concernsJob(4)).isFalse();
        assertThat(updated.processes()).extracting(p -> p.pid()).containsExactly(4242L);
        assertThat(state.target().processes()).singleElement()
                .satisfies(p -> assertThat(p.command()).isEqualTo("/opt/demo/bin/demo --serve 8080"));
        org.upswap.client.model.RestartedEvent restarted = (org.upswap.client.model.RestartedEvent) events.get(5);
        assertThat(restarted.how()).isEqualTo("signal:HUP");
        assertThat(restarted.results()).extracting(r -> r.ok()).containsExactly(true, false);
    }

    /** The builder call that should produce {@code request}, taken from its fields. */
    private static Request<?> build(JsonNode request) {
        String target = request.has("target") ? request.get("target").asText() : null;
        return switch (RequestKind.fromWire(request.get("kind").asText())) {
            case HELLO -> Request.hello(request.has("client") ? request.get("client").asText() : null);
            case STATUS -> Request.status();
            case LIST_TARGETS -> Request.listTargets();
            case CHECK -> Request.check(target);
            case UPDATE -> Request.update(target, request.has("version") ? request.get("version").asText() : null,
                    request.path("force").asBoolean(false));
            case ROLLBACK -> Request.rollback(target);
            case CANCEL -> Request.cancel(target);
            case SUBSCRIBE -> Request.subscribe();
            case RESTART -> Request.restart(target);
        };
    }

    private static <R> R result(long id, Class<R> type) throws ProtocolException {
        for (JsonNode line : fixture.get("replies")) {
            if (line.path("id").asLong(-1) == id && decode(line) instanceof Incoming.Reply reply) {
                return WireJson.readResult(reply.result(), type);
            }
        }
        throw new AssertionError("no reply with id " + id + " in the fixture");
    }

    private static Incoming decode(JsonNode line) throws ProtocolException {
        return WireJson.decode(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> wireNames(WireEnum[] values) {
        return Arrays.stream(values).map(WireEnum::wireName).toList();
    }

    private static List<String> texts(String field) {
        List<String> texts = new ArrayList<>();
        fixture.get(field).forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
