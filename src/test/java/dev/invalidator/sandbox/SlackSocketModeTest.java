package dev.invalidator.sandbox;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;
import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.sandbox.SlackSimulator.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Socket Mode end to end: the simulator delivers, a real Bolt app (Java-WebSocket backend) handles and acks. */
class SlackSocketModeTest {

    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final String MODAL = """
            {"type":"modal","callback_id":"req","title":{"type":"plain_text","text":"Invalidate"},
             "submit":{"type":"plain_text","text":"Go"},
             "blocks":[{"type":"input","block_id":"paths","label":{"type":"plain_text","text":"Paths"},
                        "element":{"type":"plain_text_input","action_id":"value"}}]}""";

    private final ObjectMapper json = new ObjectMapper();
    private SlackSimulator sim;
    private SlackBolt bolt;

    @BeforeEach
    void start() {
        sim = SlackSimulator.start();
        bolt = new SlackBolt(sim);
    }

    @AfterEach
    void stop() throws Exception {
        bolt.close();
        sim.close();
    }

    private void connect() throws Exception {
        bolt.start(sim);
        sim.awaitConnections(1, CONNECT);
    }

    private static Ack ackOf(Envelope envelope) throws Exception {
        return envelope.ack().get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_slash_command_reaches_the_handler_and_its_ack_is_recorded() throws Exception {
        CompletableFuture<SlashCommandPayload> received = new CompletableFuture<>();
        bolt.app.command("/invalidate", (req, ctx) -> {
            received.complete(req.getPayload());
            return ctx.ack("Working on it");
        });
        connect();

        Envelope envelope = sim.slashCommand(ALICE, GENERAL, "/invalidate", "web /a?x=1&y=<2>");
        Ack ack = ackOf(envelope);

        SlashCommandPayload p = received.get(1, TimeUnit.SECONDS);
        assertThat(p.getCommand()).isEqualTo("/invalidate");
        assertThat(p.getText()).as("Slack's escaping").isEqualTo("web /a?x=1&amp;y=&lt;2&gt;");
        assertThat(p.getUserId()).isEqualTo(ALICE);
        assertThat(p.getChannelId()).isEqualTo(GENERAL);
        assertThat(p.getTeamId()).isEqualTo("T0SIM");
        assertThat(p.getTriggerId()).isEqualTo(envelope.triggerId());
        assertThat(p.getResponseUrl()).isEqualTo(envelope.responseUrl()).startsWith("http://127.0.0.1:");

        assertThat(ack.envelopeId()).isEqualTo(envelope.envelopeId());
        assertThat(json.readTree(ack.payloadJson()).path("text").asText()).isEqualTo("Working on it");
        assertThat(ack.receivedAt()).isAfterOrEqualTo(envelope.sentAt());
        assertThat(sim.acks()).containsExactly(ack);
    }

    @Test
    void the_bot_responds_posts_edits_and_replies_in_a_thread() throws Exception {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        bolt.app.command("/invalidate", (req, ctx) -> {
            bolt.app.executorService().execute(() -> {
                try {
                    ctx.respond("Got it, only you see this");
                    String ts = ctx.client()
                            .chatPostMessage(m -> m.channel(ctx.getChannelId()).text("Invalidating…"))
                            .getTs();
                    ctx.client()
                            .chatPostMessage(m ->
                                    m.channel(ctx.getChannelId()).threadTs(ts).text("I-1 created"));
                    ctx.client()
                            .chatUpdate(
                                    u -> u.channel(ctx.getChannelId()).ts(ts).text("Invalidated"));
                    answered.complete(null);
                } catch (Exception e) {
                    answered.completeExceptionally(e);
                }
            });
            return ctx.ack();
        });
        connect();

        Ack ack = ackOf(sim.slashCommand(ALICE, GENERAL, "/invalidate", "web /index.html"));
        assertThat(ack.payloadJson()).as("a bare ack").isNull();
        answered.get(CONNECT.toSeconds(), TimeUnit.SECONDS); // a failed call fails the test here, with its cause

        Await.until(
                "the status message is edited",
                () -> !sim.messages(GENERAL).isEmpty()
                        && "Invalidated".equals(sim.messages(GENERAL).get(0).text()));
        ChannelMessage status = sim.messages(GENERAL).get(0);
        assertThat(status.previousTexts()).containsExactly("Invalidating…");
        assertThat(sim.thread(GENERAL, status.ts()))
                .extracting(ChannelMessage::text)
                .containsExactly("I-1 created");
        assertThat(sim.ephemerals(ALICE)).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("Got it, only you see this");
            assertThat(e.source()).isEqualTo(Ephemeral.FROM_RESPONSE_URL);
        });
    }

    @Test
    void a_fresh_trigger_opens_a_modal_and_a_reused_one_is_refused() throws Exception {
        CompletableFuture<List<ViewsOpenResponse>> opened = new CompletableFuture<>();
        bolt.app.command("/invalidate", (req, ctx) -> {
            ViewsOpenResponse first =
                    ctx.client().viewsOpen(v -> v.triggerId(ctx.getTriggerId()).viewAsString(MODAL));
            ViewsOpenResponse second =
                    ctx.client().viewsOpen(v -> v.triggerId(ctx.getTriggerId()).viewAsString(MODAL));
            opened.complete(List.of(first, second));
            return ctx.ack();
        });
        CompletableFuture<ViewSubmissionPayload> submitted = new CompletableFuture<>();
        bolt.app.viewSubmission("req", (req, ctx) -> {
            submitted.complete(req.getPayload());
            return ctx.ackWithErrors(Map.of("paths", "No such path"));
        });
        connect();

        ackOf(sim.slashCommand(ALICE, GENERAL, "/invalidate", ""));
        List<ViewsOpenResponse> responses = opened.get(5, TimeUnit.SECONDS);
        assertThat(responses.get(0).isOk()).isTrue();
        assertThat(responses.get(1).getError()).isEqualTo("exchanged_trigger_id");

        String viewId = responses.get(0).getView().getId();
        Ack ack = ackOf(sim.submitView(
                ALICE, viewId, "{\"paths\":{\"value\":{\"type\":\"plain_text_input\",\"value\":\"/nope\"}}}"));
        ViewSubmissionPayload p = submitted.get(1, TimeUnit.SECONDS);
        assertThat(p.getView().getId()).isEqualTo(viewId);
        assertThat(p.getView().getState().getValues().get("paths").get("value").getValue())
                .isEqualTo("/nope");
        assertThat(json.readTree(ack.payloadJson()).path("response_action").asText())
                .isEqualTo("errors");
        assertThat(json.readTree(ack.payloadJson()).path("errors").path("paths").asText())
                .isEqualTo("No such path");
    }

    @Test
    void a_button_click_can_replace_the_message_through_its_response_url() throws Exception {
        bolt.app.blockAction("confirm", (req, ctx) -> {
            assertThat(req.getPayload().getActions().get(0).getValue()).isEqualTo("I-1");
            ctx.respond(r -> r.replaceOriginal(true)
                    .text("Confirmed by <@" + req.getPayload().getUser().getId() + ">"));
            return ctx.ack();
        });
        connect();
        String ts = bolt.slack
                .methods(sim.botToken())
                .chatPostMessage(m -> m.channel(GENERAL)
                        .text("Confirm?")
                        .blocks(asBlocks(actions(a -> a.elements(asElements(button(b ->
                                b.actionId("confirm").text(plainText("Confirm")).value("I-1"))))))))
                .getTs();

        Ack ack = ackOf(sim.clickButton(ALICE, GENERAL, ts, "confirm"));

        assertThat(ack.payloadJson()).isNull();
        Await.until(
                "the message is replaced",
                () -> sim.messages(GENERAL).get(0).text().equals("Confirmed by <@U0ALICE>"));
        assertThat(sim.messages(GENERAL).get(0).previousTexts()).containsExactly("Confirm?");
        assertThat(sim.ephemerals(ALICE)).isEmpty();
    }

    @Test
    void a_button_in_an_ephemeral_reply_can_be_clicked_and_the_reply_replaced() throws Exception {
        bolt.app.command("/invalidate", (req, ctx) -> {
            ctx.respond(r -> r.text("Invalidate /index.html?")
                    .blocks(asBlocks(actions(a -> a.elements(asElements(button(b ->
                            b.actionId("confirm").text(plainText("Confirm")).value("I-2"))))))));
            return ctx.ack();
        });
        CompletableFuture<Boolean> sawEphemeralContainer = new CompletableFuture<>();
        bolt.app.blockAction("confirm", (req, ctx) -> {
            sawEphemeralContainer.complete(req.getPayload().getContainer().isEphemeral()
                    && req.getPayload().getMessage() == null);
            ctx.respond(r -> r.replaceOriginal(true).text("Submitted"));
            return ctx.ack();
        });
        connect();
        ackOf(sim.slashCommand(ALICE, GENERAL, "/invalidate", "web /index.html"));
        Ephemeral question = Await.value(
                "the ephemeral question",
                () -> sim.ephemerals(ALICE).isEmpty()
                        ? null
                        : sim.ephemerals(ALICE).get(0));

        ackOf(sim.clickButton(ALICE, GENERAL, question.ts(), "confirm"));

        assertThat(sawEphemeralContainer.get(1, TimeUnit.SECONDS)).isTrue();
        Await.until("the reply is replaced", () -> sim.ephemerals(ALICE).size() == 2);
        assertThat(sim.ephemerals(ALICE).get(1)).satisfies(e -> {
            assertThat(e.text()).isEqualTo("Submitted");
            assertThat(e.replaceOriginal()).isTrue();
        });
        assertThat(sim.messages(GENERAL)).isEmpty();
    }

    @Test
    void a_raw_interactive_payload_gets_the_simulators_trigger_and_response_url() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        bolt.app.blockAction("a", (req, ctx) -> {
            seen.complete(
                    req.getPayload().getResponseUrl() + " " + req.getPayload().getTriggerId());
            return ctx.ack();
        });
        connect();
        String sample = """
                {"type":"block_actions","user":{"id":"U0ALICE","username":"alice","name":"alice","team_id":"T0SIM"},
                 "api_app_id":"A0SIM","token":"x","container":{"type":"message","message_ts":"1.000001",
                 "channel_id":"C0GENERAL","is_ephemeral":false},"trigger_id":"111.222.xxx",
                 "team":{"id":"T0SIM","domain":"sim"},"channel":{"id":"C0GENERAL","name":"general"},
                 "response_url":"https://hooks.slack.com/actions/T111/111/xxx",
                 "actions":[{"action_id":"a","block_id":"b","type":"button","value":"v","action_ts":"1.2"}]}""";

        Envelope envelope = sim.interactive(sample);
        ackOf(envelope);

        assertThat(seen.get(1, TimeUnit.SECONDS)).isEqualTo(envelope.responseUrl() + " " + envelope.triggerId());
        assertThat(envelope.type()).isEqualTo("interactive");
    }

    @Test
    void app_home_opened_is_an_events_api_envelope() throws Exception {
        bolt.app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            ctx.client()
                    .viewsPublish(
                            p -> p.userId(req.getEvent().getUser()).viewAsString("{\"type\":\"home\",\"blocks\":[]}"));
            return ctx.ack();
        });
        connect();

        Envelope envelope = sim.appHomeOpened(ALICE);
        ackOf(envelope);

        assertThat(envelope.type()).isEqualTo("events_api");
        assertThat(sim.views(ALICE))
                .singleElement()
                .satisfies(v -> assertThat(v.method()).isEqualTo("views.publish"));
    }

    @Test
    void a_connection_needs_a_fresh_ticket() throws Exception {
        String url =
                bolt.slack.methods(sim.appToken()).appsConnectionsOpen(r -> r).getUrl();
        try (RawSocket first = RawSocket.open(url)) {
            assertThat(first.connected).isTrue();
        }
        try (RawSocket again = RawSocket.open(url)) {
            assertThat(again.connected).as("a ticket is single-use").isFalse();
        }
        try (RawSocket forged = RawSocket.open(url.replaceAll("ticket=[0-9a-f]+", "ticket=forged"))) {
            assertThat(forged.connected).isFalse();
        }
    }

    @Test
    void hello_then_disconnect_and_a_connection_told_to_go_gets_no_more_envelopes() throws Exception {
        String url =
                bolt.slack.methods(sim.appToken()).appsConnectionsOpen(r -> r).getUrl();
        try (RawSocket socket = RawSocket.open(url)) {
            var hello = json.readTree(socket.next());
            assertThat(hello.path("type").asText()).isEqualTo("hello");
            assertThat(hello.path("num_connections").asInt()).isEqualTo(1);
            assertThat(hello.path("connection_info").path("app_id").asText()).isEqualTo("A0SIM");
            assertThat(sim.openConnections()).isEqualTo(1);

            sim.disconnectAll("refresh_requested");

            var disconnect = json.readTree(socket.next());
            assertThat(disconnect.path("type").asText()).isEqualTo("disconnect");
            assertThat(disconnect.path("reason").asText()).isEqualTo("refresh_requested");
            assertThat(sim.openConnections()).isZero();
            Envelope envelope = sim.slashCommand(ALICE, GENERAL, "/invalidate", "");
            assertThat(envelope.ack()).isCompletedExceptionally();
        }
    }

    /** A bare WebSocket client that never reconnects and keeps what it receives. */
    private static final class RawSocket implements AutoCloseable {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final WebSocketClient client;
        private final boolean connected;

        private RawSocket(String url) throws Exception {
            client = new WebSocketClient(new URI(url)) {
                @Override
                public void onOpen(ServerHandshake handshake) {}

                @Override
                public void onMessage(String message) {
                    received.add(message);
                }

                @Override
                public void onClose(int code, String reason, boolean remote) {}

                @Override
                public void onError(Exception ex) {}
            };
            connected = client.connectBlocking(5, TimeUnit.SECONDS);
        }

        static RawSocket open(String url) throws Exception {
            return new RawSocket(url);
        }

        String next() throws InterruptedException {
            String message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("a message within 5 s").isNotNull();
            return message;
        }

        @Override
        public void close() {
            try {
                client.closeBlocking();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
