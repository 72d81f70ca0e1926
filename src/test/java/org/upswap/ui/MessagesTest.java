package org.upswap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.upswap.client.protocol.ErrorCode;

class MessagesTest {

    final Messages messages = Messages.forLocale(Locale.ENGLISH);

    @Test
    void sizesRatesAndDurationsReadNaturally() {
        assertThat(messages.size(512)).isEqualTo("512 bytes");
        assertThat(messages.size(18_312)).isEqualTo("17.9 KiB");
        assertThat(messages.size(1024 * 1024 - 20)).isEqualTo("1.0 MiB");
        assertThat(messages.rate(50L * 1024 * 1024)).isEqualTo("50.0 MiB/s");
        assertThat(messages.duration(1)).isEqualTo("1 second");
        assertThat(messages.duration(95)).isEqualTo("2 minutes");
        assertThat(messages.duration(3600)).isEqualTo("1 hour");
        assertThat(messages.duration(5400)).isEqualTo("1 hour 30 minutes");
        assertThat(messages.duration(6 * 3600)).isEqualTo("6 hours");
        assertThat(messages.duration(86_400)).isEqualTo("1 day");
        assertThat(messages.dateTime(Instant.ofEpochSecond(0), ZoneOffset.UTC)).contains("1970");
    }

    @Test
    void everyFormattedMessageIsAValidPattern() {
        // A stray apostrophe or brace shows only when a message is used: format them all now (numbers fit every slot).
        for (String key : messages.bundle().keySet()) {
            assertThat(messages.get(key, 2, 2, 2, 2)).as(key).isNotBlank();
        }
    }

    @Test
    void hintsNameOnlyRealErrorCodes() {
        for (String key : messages.bundle().keySet()) {
            if (key.startsWith("hint.")) {
                assertThat(ErrorCode.fromWire(key.substring("hint.".length()))).as(key).isNotNull();
            }
        }
    }
}
