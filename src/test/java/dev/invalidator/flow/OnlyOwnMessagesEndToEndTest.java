package dev.invalidator.flow;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.OtherApp;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackChat;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The state the bot reads back from Slack is only what it wrote itself. Any app in a channel may post messages with
 * the bot's metadata event types, and anyone may write anything in a thread: none of it is a status message, a
 * decision or a completion notice to the bot, and none of it stops the bot from settling its own.
 */
class OnlyOwnMessagesEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;
    private static final OtherApp OTHER_APP = new OtherApp("A0OTHER", "B0OTHER", "U0OTHERBOT");

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    private static String metadata(String eventType, Map<String, String> payload) {
        StringBuilder json = new StringBuilder("{\"event_type\":\"" + eventType + "\",\"event_payload\":{");
        payload.forEach((key, value) -> json.append('"')
                .append(key)
                .append("\":\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\","));
        if (!payload.isEmpty()) {
            json.setLength(json.length() - 1);
        }
        return json.append("}}").toString();
    }

    private static Map<String, String> facts(String requester, String distribution, String alias) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(StatusFacts.REQUESTER, requester);
        facts.put(StatusFacts.DISTRIBUTION, distribution);
        facts.put(StatusFacts.ALIAS, alias);
        facts.put(StatusFacts.PATHS, "1");
        return facts;
    }

    /** Everything anyone can read in the channel: its messages and every reply in their threads. */
    private List<ChannelMessage> everything() {
        return world.slack.messages(OPS).stream()
                .flatMap(message -> Stream.concat(Stream.of(message), world.slack.thread(OPS, message.ts()).stream()))
                .toList();
    }

    @Nested
    class Decisions {

        @Test
        void a_look_alike_decision_in_the_thread_does_not_block_the_approval() {
            world.startBot();
            world.type(ALICE, OPS, "shop /index.html");
            ChannelMessage waiting = world.awaitMessage(
                    OPS,
                    message -> message.blocksJson() != null
                            && message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                    "the waiting request with its buttons");
            String decision = metadata("invalidation_decision", Map.of("status_ts", waiting.ts()));
            world.slack.appPosts(OTHER_APP, OPS, "rejected, says another app", waiting.ts(), decision);
            world.slack.userPosts(ALICE, OPS, "approved, says the requester", waiting.ts(), decision);

            world.slack
                    .clickButton(BOB, OPS, waiting.ts(), StatusCard.APPROVE)
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();

            SimulatedInvalidation created = Await.value(
                    "the approved invalidation",
                    () -> world.cloudFront.simulator.invalidations(SHOP).stream()
                            .findFirst()
                            .orElse(null));
            assertThat(created.callerReference()).contains(waiting.ts());
        }
    }

    @Nested
    class AtStartUp {

        private PostedMessage leftAtRequesting(Map<String, String> facts) {
            SlackChat chat = new SlackChat(
                    SlackBot.slack(world.slack.apiUrl()).methods(world.slack.botToken()), 3, Duration.ofSeconds(1));
            return chat.post(OPS, StatusCard.requesting(ALICE, "web", WEB, 1).message(), facts);
        }

        private void startBotLater(Duration later) {
            world.startBot(BotFixture.config(), new MutableClock(Instant.now().plus(later)));
        }

        private ChannelMessage awaitSettled(PostedMessage orphan) {
            return world.awaitMessage(
                    OPS,
                    message ->
                            message.ts().equals(orphan.ts()) && message.text().endsWith(": failed"),
                    "the bot's own orphan to be settled");
        }

        @Test
        void look_alike_requesting_messages_of_another_app_are_left_alone_and_stop_nothing() {
            PostedMessage genuine = leftAtRequesting(facts(ALICE, WEB, "web"));
            String forged =
                    StatusCard.requesting(ALICE, "web", WEB, 1).message().text();
            String wellFormed = world.slack.appPosts(
                    OTHER_APP, OPS, forged, null, metadata("invalidation_request", facts(ALICE, WEB, "web")));
            String malformed = world.slack.appPosts(
                    OTHER_APP, OPS, forged, null, metadata("invalidation_request", facts("nobody", WEB, "web")));

            startBotLater(Duration.ofMinutes(3));

            awaitSettled(genuine);
            for (String lookAlike : List.of(wellFormed, malformed)) {
                assertThat(world.slack.thread(OPS, lookAlike)).isEmpty();
            }
        }

        @Test
        void a_status_message_with_a_malformed_fact_is_not_taken_for_the_bots_and_stops_nothing() {
            PostedMessage genuine = leftAtRequesting(facts(ALICE, WEB, "web"));
            PostedMessage malformed = leftAtRequesting(facts("nobody", WEB, "web"));

            startBotLater(Duration.ofMinutes(3));

            awaitSettled(genuine);
            assertThat(world.slack.messages(OPS))
                    .filteredOn(message -> message.ts().equals(malformed.ts()))
                    .singleElement()
                    .satisfies(message -> assertThat(message.text()).endsWith(": requesting"));
            assertThat(world.slack.thread(OPS, malformed.ts())).isEmpty();
        }

        @Test
        void a_look_alike_awaiting_approval_is_neither_expired_nor_able_to_mention_the_channel() {
            Bot first = world.startBot();
            world.type(ALICE, OPS, "shop /index.html");
            ChannelMessage genuine = world.awaitMessage(
                    OPS,
                    message -> message.blocksJson() != null
                            && message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                    "the genuine request waiting for approval");
            world.stop(first);
            Map<String, String> injected = facts("U0X> <!channel> <@U0X", SHOP, "shop");
            String lookAlike = world.slack.appPosts(
                    OTHER_APP, OPS, genuine.text(), null, metadata("invalidation_request", injected));

            // Past the approval deadline of both: the genuine one expires at once, after the newer look-alike's turn.
            startBotLater(Duration.ofHours(2));

            world.awaitMessage(
                    OPS,
                    message ->
                            message.ts().equals(genuine.ts()) && message.text().contains("expired"),
                    "the genuine request expired");
            assertThat(world.slack.thread(OPS, lookAlike)).isEmpty();
            assertThat(everything())
                    .noneSatisfy(message -> assertThat(message.text()).contains("<!channel>"));
        }
    }

    @Nested
    class CompletionNotices {

        @Test
        void a_reply_that_quotes_the_invalidation_id_does_not_silence_the_completion_notice() {
            world.startBot();
            world.type(ALICE, OPS, "web /index.html");
            ChannelMessage status =
                    world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the invalidation");
            SimulatedInvalidation invalidation =
                    world.cloudFront.simulator.invalidations(WEB).get(0);
            String quoted = "is (" + invalidation.id() + ") done yet?";
            world.slack.userPosts(BOB, OPS, quoted, status.ts());
            world.slack.appPosts(OTHER_APP, OPS, quoted, status.ts(), null);

            world.cloudFront.simulator.complete(invalidation.id());

            world.awaitReply(
                    status,
                    reply -> reply.text().contains("<@" + ALICE + "> done"),
                    "the completion notice to the requester");
        }
    }
}
