// Requests refuse, before sending, what the helper would refuse anyway.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.upswap.client.model.JobStarted;
import org.upswap.client.protocol.Protocol;
import org.upswap.client.protocol.RequestKind;

class RequestTest {

    @Test
    void targetNamesOutsideTheRulesAreRefused() {
        assertThatThrownBy(() -> Request.update("../etc", null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../etc'");
        assertThatThrownBy(() -> Request.check("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Request.rollback("Demo")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Request.cancel("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionsOutsideTheRulesAreRefused() {
        assertThatThrownBy(() -> Request.update("demo", "", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Request.update("demo", "2.0 beta", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'2.0 beta'");
        assertThatThrownBy(() -> Request.update("demo", "-1", false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Request.update("demo", "1.2.3-rc.1+git~x", false).toJson(1).get("version").asText())
                .isEqualTo("1.2.3-rc.1+git~x");
    }

    @Test
    void aClientNameMayNotExceedTheLimit() {
        assertThat(Request.hello("x".repeat(Protocol.MAX_CLIENT_NAME_LENGTH)).toJson(1).get("client").asText())
                .hasSize(Protocol.MAX_CLIENT_NAME_LENGTH);
        assertThatThrownBy(() -> Request.hello("x".repeat(Protocol.MAX_CLIENT_NAME_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Request.hello("bell\u0007")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsOutsideTheSafeIntegerRangeAreRefused() {
        assertThat(Request.status().toJson(Protocol.MAX_REQUEST_ID).get("id").asLong())
                .isEqualTo(Protocol.MAX_REQUEST_ID);
        assertThatThrownBy(() -> Request.status().toJson(Protocol.MAX_REQUEST_ID + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Request.status().toJson(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forceIsSentOnlyWhenSet() {
        Request<JobStarted> plain = Request.update("demo", null, false);

        assertThat(plain.kind()).isEqualTo(RequestKind.UPDATE);
        assertThat(plain.resultType()).isEqualTo(JobStarted.class);
        assertThat(plain.toJson(1).has("force")).isFalse();
        assertThat(Request.update("demo", null, true).toJson(1).get("force").asBoolean()).isTrue();
    }
}
