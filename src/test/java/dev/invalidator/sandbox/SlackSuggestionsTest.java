package dev.invalidator.sandbox;

import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.sandbox.SlackSimulator.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.bolt.context.builtin.BlockSuggestionContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.composition.PlainTextObject;
import dev.invalidator.sandbox.SlackSimulator.Suggestions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typing in an {@code external_select}: the simulator sends the {@code block_suggestion} Slack sends, to a real Bolt
 * app over Socket Mode, and shows its options only as Slack would — within 3 s and the option limits.
 */
class SlackSuggestionsTest {

    private static final String MODAL = """
            {"type":"modal","callback_id":"req","title":{"type":"plain_text","text":"Pick"},
             "submit":{"type":"plain_text","text":"Go"},
             "blocks":[{"type":"input","block_id":"target","label":{"type":"plain_text","text":"Target"},
                        "element":{"type":"external_select","action_id":"pick"%s}}]}""";

    private SlackSimulator sim;
    private SlackBolt bolt;
    private final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        sim = SlackSimulator.start();
        bolt = new SlackBolt(sim);
        bolt.app.blockSuggestion(
                "pick", (request, context) -> answer(request.getPayload().getValue(), context));
        bolt.start(sim);
        sim.awaitConnections(1, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        bolt.close();
        sim.close();
    }

    private Response answer(String typed, BlockSuggestionContext context) {
        List<Option> options = switch (typed) {
            case "many" ->
                IntStream.range(0, 101).mapToObj(n -> option("site-" + n)).toList();
            case "long" -> List.of(option("x".repeat(76)));
            case "slow" -> {
                // Slack's deadline passing is the point: the answer must come after it.
                try {
                    yield never.await(3_300, TimeUnit.MILLISECONDS) ? List.of() : List.of(option("late"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    yield List.of();
                }
            }
            default -> List.of(option(typed + "-1"), option(typed + "-2"));
        };
        return context.ack(r -> r.options(options));
    }

    private static Option option(String text) {
        return Option.builder()
                .text(PlainTextObject.builder().text(text).build())
                .value(text)
                .build();
    }

    private String open(String elementExtras) throws Exception {
        String trigger = sim.slashCommand(ALICE, GENERAL, "/pick", "").triggerId();
        return bolt.slack
                .methods(sim.botToken())
                .viewsOpen(v -> v.triggerId(trigger).viewAsString(MODAL.formatted(elementExtras)))
                .getView()
                .getId();
    }

    private Suggestions type(String viewId, String text) {
        return sim.typeInMenu(ALICE, viewId, "target", text)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void the_options_of_a_timely_answer_within_the_limits_are_shown() throws Exception {
        Suggestions shown = type(open(""), "web");

        assertThat(shown.problems()).isEmpty();
        assertThat(shown.values()).containsExactly("web-1", "web-2");
    }

    @Test
    void more_than_a_hundred_options_show_nothing() throws Exception {
        Suggestions shown = type(open(""), "many");

        assertThat(shown.options()).isEmpty();
        assertThat(shown.problems()).containsExactly("no more than 100 items allowed [json-pointer:/options]");
    }

    @Test
    void an_option_text_over_75_characters_shows_nothing() throws Exception {
        Suggestions shown = type(open(""), "long");

        assertThat(shown.options()).isEmpty();
        assertThat(shown.problems()).contains("must be less than 76 characters [json-pointer:/options/0/text/text]");
    }

    @Test
    void an_answer_after_three_seconds_shows_nothing() throws Exception {
        Suggestions shown = type(open(""), "slow");

        assertThat(shown.options()).isEmpty();
        assertThat(shown.problems()).singleElement().asString().contains("Slack waits 3000 ms");
    }

    @Test
    void fewer_characters_than_min_query_length_send_nothing_three_by_default() throws Exception {
        String byDefault = open("");
        assertThatThrownBy(() -> type(byDefault, "we"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min_query_length is 3");

        assertThat(type(open(",\"min_query_length\":0"), "").values()).containsExactly("-1", "-2");
    }
}
