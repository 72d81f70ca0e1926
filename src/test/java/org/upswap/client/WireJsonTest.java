// Decoding is strict about the types of known fields and lenient about
// fields it does not know.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.upswap.client.model.HelperStatus;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.protocol.EventName;
import org.upswap.testing.JsonTrees;

class WireJsonTest {

    private static final String TARGET = "{\"name\":\"demo\",\"state\":\"idle\","
            + "\"installed\":{\"version\":\"1.0.0\",\"sha256\":\"aa\",\"modified\":false},"
            + "\"available\":{\"version\":\"2.0.0\",\"size\":SIZE,\"sha256\":\"bb\",\"notes\":\"\",\"critical\":false}}";

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() throws ProtocolException {
        String status = status(TARGET.replace("SIZE", "18312").replace("\"critical\"", "\"mirror\":\"x\",\"critical\""))
                .replace("\"queue\"", "\"new_thing\":{\"a\":[1,2]},\"queue\"");

        HelperStatus parsed = WireJson.readResult(result(status), HelperStatus.class);

        assertThat(parsed.targets().get(0).available().size()).isEqualTo(18312);
    }

    @Test
    void aNumberSentAsTextIsRefusedWithItsPath() {
        String status = status(TARGET.replace("SIZE", "\"18312\""));

        assertThatThrownBy(() -> WireJson.readResult(result(status), HelperStatus.class))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("targets[0].available.size");
    }

    @Test
    void aFractionIsNotAnInteger() {
        String status = status(TARGET.replace("SIZE", "18312.5"));

        assertThatThrownBy(() -> WireJson.readResult(result(status), HelperStatus.class))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void oneIsNotTrueAndFiveIsNotAName() {
        String numericFlag = status(TARGET.replace("SIZE", "1").replace("\"modified\":false", "\"modified\":1"));
        String numericName = status(TARGET.replace("SIZE", "1").replace("\"name\":\"demo\"", "\"name\":5"));

        assertThatThrownBy(() -> WireJson.readResult(result(numericFlag), HelperStatus.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("modified");
        assertThatThrownBy(() -> WireJson.readResult(result(numericName), HelperStatus.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("name");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        String status = status(TARGET.replace("SIZE", "1").replace("\"name\":\"demo\",", ""));

        assertThatThrownBy(() -> WireJson.readResult(result(status), HelperStatus.class))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("missing field 'name'");
    }

    @Test
    void aMissingNumberIsNotTakenAsZero() {
        String event = "{\"kind\":\"event\",\"event\":\"progress\",\"target\":\"demo\",\"phase\":\"download\","
                + "\"done\":1,\"total\":2,\"rate\":3}";

        assertThatThrownBy(() -> decode(event)).isInstanceOf(ProtocolException.class).hasMessageContaining("job");
    }

    @Test
    void unknownClosedSetValuesAreRefused() {
        String state = status(TARGET.replace("SIZE", "1").replace("\"idle\"", "\"sleeping\""));

        assertThatThrownBy(() -> WireJson.readResult(result(state), HelperStatus.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown target state 'sleeping'");
        assertThatThrownBy(() -> decode("{\"id\":1,\"kind\":\"error\",\"code\":\"oops\",\"message\":\"m\"}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown error code 'oops'");
        assertThatThrownBy(() -> decode("{\"id\":1,\"kind\":\"answer\"}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown message kind 'answer'");
    }

    @Test
    void anUnknownEventIsSkippedNotFatal() throws ProtocolException {
        assertThat(decode("{\"kind\":\"event\",\"event\":\"sparkles\",\"target\":\"demo\"}"))
                .isEqualTo(new Incoming.UnknownEvent("sparkles"));
    }

    @Test
    void knownEventsDecodeToTheirRecord() throws ProtocolException {
        Incoming incoming = decode("{\"kind\":\"event\",\"event\":\"progress\",\"target\":\"demo\",\"job\":3,"
                + "\"phase\":\"install\",\"done\":1,\"total\":2,\"rate\":3,\"eta\":9}");

        assertThat(incoming).isInstanceOfSatisfying(Incoming.Event.class, event -> {
            assertThat(event.event().name()).isEqualTo(EventName.PROGRESS);
            assertThat(((ProgressEvent) event.event()).total()).isEqualTo(2);
        });
    }

    @Test
    void linesThatAreNotObjectsOrNotJsonAreProtocolErrors() {
        assertThatThrownBy(() -> decode("[1,2]")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> decode("{\"id\":1")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> decode("{\"id\":1,\"kind\":\"reply\",\"result\":{}} {}"))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void repliesNeedAValidIdAndAnObjectResult() {
        assertThatThrownBy(() -> decode("{\"kind\":\"reply\",\"result\":{}}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> decode("{\"id\":-1,\"kind\":\"reply\",\"result\":{}}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> decode("{\"id\":1.0,\"kind\":\"reply\",\"result\":{}}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> decode("{\"id\":9007199254740992,\"kind\":\"reply\",\"result\":{}}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> decode("{\"id\":1,\"kind\":\"reply\",\"result\":[]}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("result");
    }

    @Test
    void anErrorWithoutAReadableIdHasANullId() throws ProtocolException {
        assertThat(decode("{\"id\":null,\"kind\":\"error\",\"code\":\"parse-error\",\"message\":\"m\"}"))
                .isInstanceOfSatisfying(Incoming.Failure.class, failure -> assertThat(failure.id()).isNull());
    }

    private static String status(String target) {
        return "{\"version\":\"0.1.0\",\"state\":\"idle\",\"uptime\":1,\"job\":null,\"queue\":0,"
                + "\"stats\":{\"checks\":0,\"pokes\":0,\"pokes_ignored\":0,\"updates\":0,\"rollbacks\":0,\"errors\":0},"
                + "\"targets\":[" + target + "]}";
    }

    private static JsonNode result(String json) {
        return JsonTrees.parse(json);
    }

    private static Incoming decode(String line) throws ProtocolException {
        return WireJson.decode(line.getBytes(StandardCharsets.UTF_8));
    }
}
