package dev.invalidator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Authorization: Bearer xoxb-12345-12345-abcdef | Authorization: Bearer xoxb-[redacted]",
                "token=xapp-1-A0SIM-1234567890123-deadbeef&x=1 | token=xapp-[redacted]&x=1",
                "xoxp-1-2-3 and xoxa-9 | xoxp-[redacted] and xoxa-[redacted]",
                "no token here, just xoxb without a dash | no token here, just xoxb without a dash",
                "invalidator/1/C0OPS/1503435956.000247/U0ALICE | invalidator/1/C0OPS/1503435956.000247/U0ALICE"
            })
    void replaces_every_slack_token_and_nothing_else(String line, String expected) {
        assertThat(Redaction.redact(line)).isEqualTo(expected);
    }
}
