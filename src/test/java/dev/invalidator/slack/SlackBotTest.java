package dev.invalidator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the bot sets Bolt up. */
class SlackBotTest {

    /**
     * Bolt's SingleTeamAuthorization calls {@code auth.test} again on the envelope that finds its cached answer older
     * than this, before that envelope's ack; a negative value keeps the answer {@code App.start} got for good.
     */
    @Test
    void bolt_never_asks_auth_test_again_before_an_ack() {
        assertThat(SlackBot.appConfig(SlackBot.slack("http://127.0.0.1:1/api/"), "xoxb-test")
                        .getAuthTestCacheExpirationMillis())
                .isNegative();
    }
}
