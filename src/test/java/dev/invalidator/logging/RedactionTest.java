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

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "refresh_token=xoxe-1-My0xLTEyMzQ1Njc4OTAxMjMtNGE1YjZj | refresh_token=xoxe-[redacted]",
                "access_token=xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4OTAtYWJj | access_token=xoxe.xoxp-[redacted]",
                "user token xoxp-2222-3333-4444-abcdef | user token xoxp-[redacted]",
                "token%3Dxoxb-12345-12345-abcdef%26x%3D1 | token%3Dxoxb-[redacted]%26x%3D1",
                "token=xoxb%2D12345%2D12345%2Dabcdef | token=xoxb-[redacted]",
                "SLACK_BOT_TOKENxoxb-12345-12345-abcdef | SLACK_BOT_TOKENxoxb-[redacted]",
                "secret_xapp-1-A0SIM-123-deadbeef | secret_xapp-[redacted]",
                "Bearer XOXB-12345-12345-ABCDEF | Bearer XOXB-[redacted]"
            })
    void replaces_refresh_rotated_url_encoded_and_prefixed_tokens(String line, String expected) {
        assertThat(Redaction.redact(line)).isEqualTo(expected);
    }
}
