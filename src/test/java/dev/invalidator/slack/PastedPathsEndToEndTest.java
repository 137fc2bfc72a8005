package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.BotFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What people paste from a browser or a page's source reaches CloudFront as the browser requests it, or is named. */
class PastedPathsEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
        world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private ChannelMessage awaitPathList() {
        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status message");
        return world.awaitReply(status, reply -> reply.text().contains("sent to CloudFront"), "the path list");
    }

    @Test
    void a_minifier_url_with_commas_and_a_page_with_its_anchor_are_sent_as_a_browser_requests_them() {
        world.type(ALICE, OPS, "web /min/?f=/css/a.css,/css/b.css /page.html#install");

        assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/min/?f=/css/a.css,/css/b.css", "/page.html");
        assertThat(awaitPathList().blocksJson())
                .contains("A #fragment never reaches CloudFront")
                .contains("The comma in the query string was kept");
    }

    @Test
    void a_lower_case_escape_is_sent_as_typed_and_the_thread_names_the_spelling_browsers_make() {
        world.type(ALICE, OPS, "web /caf%c3%a9.html");

        assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/caf%c3%a9.html");
        assertThat(awaitPathList().blocksJson())
                .contains("is written in lower case")
                .contains("/caf%C3%A9.html");
    }
}
