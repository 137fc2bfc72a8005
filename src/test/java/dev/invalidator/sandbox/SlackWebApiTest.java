package dev.invalidator.sandbox;

import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.sandbox.SlackSimulator.GENERAL;
import static dev.invalidator.sandbox.SlackSimulator.RANDOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import dev.invalidator.sandbox.SlackSimulator.ApiCall;
import dev.invalidator.sandbox.SlackSimulator.Auth;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Web API side, driven by the SDK's real synchronous {@link MethodsClient}. */
class SlackWebApiTest {

    private static final String MODAL = """
            {"type":"modal","callback_id":"req","title":{"type":"plain_text","text":"Invalidate"},
             "blocks":[{"type":"input","block_id":"paths","label":{"type":"plain_text","text":"Paths"},
                        "element":{"type":"plain_text_input","action_id":"value"}}]}""";

    private SlackSimulator sim;
    private Slack slack;
    private MethodsClient bot;

    @BeforeEach
    void start() {
        sim = SlackSimulator.start();
        slack = SlackBolt.slackFor(sim);
        bot = slack.methods(sim.botToken());
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        sim.close();
    }

    @Nested
    class Authentication {

        @Test
        void auth_test_describes_the_bot() throws Exception {
            var r = bot.authTest(a -> a);
            assertThat(r.isOk()).isTrue();
            assertThat(r.getTeamId()).isEqualTo("T0SIM");
            assertThat(r.getUserId()).isEqualTo("U0BOT");
            assertThat(r.getBotId()).isEqualTo("B0BOT");
            assertThat(r.getUrl()).isEqualTo("https://sim.slack.com/");
        }

        @Test
        void a_wrong_token_is_invalid_auth() throws Exception {
            var r = slack.methods("xoxb-not-the-right-one")
                    .chatPostMessage(m -> m.channel(GENERAL).text("hi"));
            assertThat(r.isOk()).isFalse();
            assertThat(r.getError()).isEqualTo("invalid_auth");
            assertThat(sim.messages(GENERAL)).isEmpty();
        }

        @Test
        void no_authorization_header_is_not_authed() throws Exception {
            HttpRequest noHeader = HttpRequest.newBuilder(URI.create(sim.apiUrl() + "auth.test"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            assertThat(HttpClient.newHttpClient()
                            .send(noHeader, HttpResponse.BodyHandlers.ofString())
                            .body())
                    .isEqualTo("{\"ok\":false,\"error\":\"not_authed\"}");
            // the SDK without a token sends "Authorization: Bearer null", which is just a wrong token
            assertThat(slack.methods().authTest(a -> a).getError()).isEqualTo("invalid_auth");
        }

        @Test
        void the_app_token_opens_connections_and_nothing_else() throws Exception {
            var open = slack.methods(sim.appToken()).appsConnectionsOpen(r -> r);
            assertThat(open.getUrl()).matches("ws://127\\.0\\.0\\.1:\\d+/link/\\?ticket=[0-9a-f]+&app_id=A0SIM");
            assertThat(slack.methods(sim.appToken())
                            .chatPostMessage(m -> m.channel(GENERAL).text("x"))
                            .getError())
                    .isEqualTo("not_allowed_token_type");
            assertThat(bot.appsConnectionsOpen(r -> r).getError()).isEqualTo("not_allowed_token_type");
        }

        @Test
        void calls_are_recorded_without_tokens() throws Exception {
            bot.chatPostMessage(m -> m.channel(GENERAL).text("hello"));
            slack.methods("xoxb-wrong").authTest(a -> a);

            List<ApiCall> calls = sim.calls();
            assertThat(calls).extracting(ApiCall::method).containsExactly("chat.postMessage", "auth.test");
            assertThat(calls).extracting(ApiCall::auth).containsExactly(Auth.BOT, Auth.INVALID);
            assertThat(calls.get(0).params()).containsEntry("channel", GENERAL).containsEntry("text", "hello");
            assertThat(calls.toString()).doesNotContain(sim.botToken()).doesNotContain("xoxb-wrong");
        }

        @Test
        void an_unknown_method_is_unknown_method_and_json_bodies_work() throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> unknown = http.send(
                    post("no.such.method", "application/x-www-form-urlencoded", ""),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(200);
            assertThat(unknown.body()).isEqualTo("{\"ok\":false,\"error\":\"unknown_method\"}");

            HttpResponse<String> json = http.send(
                    post(
                            "chat.postMessage",
                            "application/json; charset=utf-8",
                            "{\"channel\":\"C0GENERAL\",\"text\":\"from json\",\"blocks\":[{\"type\":\"divider\"}]}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.body()).contains("\"ok\":true");
            assertThat(sim.messages(GENERAL)).singleElement().satisfies(m -> {
                assertThat(m.text()).isEqualTo("from json");
                assertThat(m.blocksJson()).isEqualTo("[{\"type\":\"divider\"}]");
            });
        }

        private HttpRequest post(String method, String contentType, String body) {
            return HttpRequest.newBuilder(URI.create(sim.apiUrl() + method))
                    .header("Authorization", "Bearer " + sim.botToken())
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }
    }

    @Nested
    class Messages {

        @Test
        void post_then_update_shows_the_current_text_and_the_edit_history() throws Exception {
            ChatPostMessageResponse posted = bot.chatPostMessage(m -> m.channel(GENERAL)
                    .text("Invalidating…")
                    .blocksAsString("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*1*\"}}]"));
            assertThat(posted.isOk()).isTrue();
            assertThat(posted.getChannel()).isEqualTo(GENERAL);
            assertThat(posted.getTs()).matches("\\d{10}\\.\\d{6}");
            assertThat(posted.getMessage().getBotId()).isEqualTo("B0BOT");

            ChatUpdateResponse updated =
                    bot.chatUpdate(u -> u.channel(GENERAL).ts(posted.getTs()).text("Done"));
            assertThat(updated.isOk()).isTrue();
            assertThat(updated.getText()).isEqualTo("Done");

            assertThat(sim.messages(GENERAL)).singleElement().satisfies(m -> {
                assertThat(m.ts()).isEqualTo(posted.getTs());
                assertThat(m.userId()).isEqualTo("U0BOT");
                assertThat(m.text()).isEqualTo("Done");
                assertThat(m.blocksJson())
                        .as("text without blocks removes the blocks")
                        .isNull();
                assertThat(m.previousTexts()).containsExactly("Invalidating…");
            });
        }

        @Test
        void listeners_hear_what_the_channel_shows() throws Exception {
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            sim.addListener(new SlackSimulator.Listener() {
                @Override
                public void onMessage(SlackSimulator.ChannelMessage message) {
                    heard.add(message.channel() + ": " + message.text());
                }

                @Override
                public void onEphemeral(Ephemeral ephemeral) {
                    heard.add(ephemeral.userId() + " only: " + ephemeral.text());
                }
            });
            String ts = bot.chatPostMessage(m -> m.channel(GENERAL).text("one")).getTs();
            bot.chatUpdate(u -> u.channel(GENERAL).ts(ts).text("one, edited"));
            bot.chatPostEphemeral(e -> e.channel(GENERAL).user(ALICE).text("psst"));
            assertThat(heard).containsExactly("C0GENERAL: one", "C0GENERAL: one, edited", "U0ALICE only: psst");
        }

        @Test
        void timestamps_are_unique_and_increasing() throws Exception {
            String first =
                    bot.chatPostMessage(m -> m.channel(GENERAL).text("1")).getTs();
            String second =
                    bot.chatPostMessage(m -> m.channel(GENERAL).text("2")).getTs();
            assertThat(new java.math.BigDecimal(second)).isGreaterThan(new java.math.BigDecimal(first));
        }

        @Test
        void update_fails_for_unknown_and_foreign_messages() throws Exception {
            assertThat(bot.chatUpdate(u -> u.channel(GENERAL).ts("1.000001").text("x"))
                            .getError())
                    .isEqualTo("message_not_found");
            String human = sim.userPosts(ALICE, GENERAL, "mine", null);
            assertThat(bot.chatUpdate(u -> u.channel(GENERAL).ts(human).text("x"))
                            .getError())
                    .isEqualTo("cant_update_message");
            assertThat(sim.messages(GENERAL))
                    .singleElement()
                    .satisfies(m -> assertThat(m.text()).isEqualTo("mine"));
        }

        @Test
        void delete_takes_the_bots_own_reply_out_of_its_thread_once() throws Exception {
            String root =
                    bot.chatPostMessage(m -> m.channel(GENERAL).text("root")).getTs();
            String reply = bot.chatPostMessage(
                            m -> m.channel(GENERAL).threadTs(root).text("reply"))
                    .getTs();

            var deleted = bot.chatDelete(d -> d.channel(GENERAL).ts(reply));

            assertThat(deleted.isOk()).isTrue();
            assertThat(deleted.getTs()).isEqualTo(reply);
            assertThat(sim.thread(GENERAL, root)).isEmpty();
            assertThat(bot.conversationsReplies(r -> r.channel(GENERAL).ts(root))
                            .getMessages())
                    .extracting(Message::getTs)
                    .containsExactly(root);
            assertThat(bot.chatDelete(d -> d.channel(GENERAL).ts(reply)).getError())
                    .as("a second delete")
                    .isEqualTo("message_not_found");
            assertThat(bot.chatUpdate(u -> u.channel(GENERAL).ts(reply).text("x"))
                            .getError())
                    .as("an edit of a deleted message")
                    .isEqualTo("message_not_found");
        }

        @Test
        void delete_fails_for_unknown_and_foreign_messages() throws Exception {
            assertThat(bot.chatDelete(d -> d.channel(GENERAL).ts("1.000001")).getError())
                    .isEqualTo("message_not_found");
            String human = sim.userPosts(ALICE, GENERAL, "mine", null);
            assertThat(bot.chatDelete(d -> d.channel(GENERAL).ts(human)).getError())
                    .isEqualTo("cant_delete_message");
            assertThat(sim.messages(GENERAL)).hasSize(1);
        }

        @Test
        void gathered_posts_wait_for_each_other_and_then_both_go_on() throws Exception {
            CallGathering both = sim.gatherNext("chat.postMessage", params -> "gathered".equals(params.get("text")), 2);
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> postQuietly("gathered"));

            String other = bot.chatPostMessage(m -> m.channel(GENERAL).text("not gathered"))
                    .getTs();
            assertThat(sim.messages(GENERAL))
                    .extracting(SlackSimulator.ChannelMessage::ts)
                    .containsExactly(other);
            String second = postQuietly("gathered");
            both.awaitGathered(Duration.ofSeconds(10));

            assertThat(first.join()).isNotNull();
            assertThat(sim.messages(GENERAL)).hasSize(3);
            assertThat(second).isNotNull();
        }

        @Test
        void replies_go_to_the_thread_and_broadcasts_also_to_the_channel() throws Exception {
            String parent =
                    bot.chatPostMessage(m -> m.channel(GENERAL).text("status")).getTs();
            bot.chatPostMessage(m -> m.channel(GENERAL).threadTs(parent).text("step 1"));
            bot.chatPostMessage(
                    m -> m.channel(GENERAL).threadTs(parent).text("done").replyBroadcast(true));

            assertThat(sim.thread(GENERAL, parent))
                    .extracting(SlackSimulator.ChannelMessage::text)
                    .containsExactly("step 1", "done");
            assertThat(sim.messages(GENERAL))
                    .extracting(SlackSimulator.ChannelMessage::text)
                    .containsExactly("status", "done");

            ConversationsRepliesResponse replies =
                    bot.conversationsReplies(r -> r.channel(GENERAL).ts(parent));
            assertThat(replies.getMessages()).extracting(Message::getText).containsExactly("status", "step 1", "done");
            assertThat(replies.getMessages().get(0).getReplyCount()).isEqualTo(2);
        }

        @Test
        void history_leaves_replies_out_and_a_replys_ts_as_thread_ts_is_refused() throws Exception {
            String parent =
                    bot.chatPostMessage(m -> m.channel(GENERAL).text("group")).getTs();
            String reply = bot.chatPostMessage(
                            m -> m.channel(GENERAL).threadTs(parent).text("member"))
                    .getTs();

            assertThat(bot.conversationsHistory(r -> r.channel(GENERAL)).getMessages())
                    .extracting(Message::getText)
                    .containsExactly("group");
            assertThat(bot.conversationsReplies(r -> r.channel(GENERAL).ts(reply))
                            .getMessages())
                    .extracting(Message::getText)
                    .containsExactly("group", "member");
            assertThat(bot.chatPostMessage(
                                    m -> m.channel(GENERAL).threadTs(reply).text("nested"))
                            .getError())
                    .isEqualTo("invalid_thread_ts");
            assertThat(sim.thread(GENERAL, parent)).hasSize(1);
        }

        @Test
        void posting_where_the_bot_is_not_a_member_fails() throws Exception {
            assertThat(bot.chatPostMessage(m -> m.channel(RANDOM).text("hi")).getError())
                    .isEqualTo("not_in_channel");
            assertThat(bot.chatPostMessage(m -> m.channel("C0NOPE").text("hi")).getError())
                    .isEqualTo("channel_not_found");
            assertThat(bot.chatPostMessage(m -> m.channel(GENERAL)).getError()).isEqualTo("no_text");
            assertThat(sim.messages(RANDOM)).isEmpty();
        }

        @Test
        void history_is_newest_first_with_metadata_when_asked_and_pages() throws Exception {
            for (int i = 1; i <= 3; i++) {
                int n = i;
                bot.chatPostMessage(m -> m.channel(GENERAL)
                        .text("m" + n)
                        .metadata(Message.Metadata.builder()
                                .eventType("invalidation_status")
                                .eventPayload(Map.of("n", n))
                                .build()));
            }
            ConversationsHistoryResponse page1 =
                    bot.conversationsHistory(h -> h.channel(GENERAL).limit(2).includeAllMetadata(true));
            assertThat(page1.getMessages()).extracting(Message::getText).containsExactly("m3", "m2");
            assertThat(page1.getMessages().get(0).getMetadata().getEventType()).isEqualTo("invalidation_status");
            assertThat(page1.getMessages().get(0).getMetadata().getEventPayload())
                    .containsEntry("n", 3.0);
            assertThat(page1.isHasMore()).isTrue();

            ConversationsHistoryResponse page2 = bot.conversationsHistory(h -> h.channel(GENERAL)
                    .limit(2)
                    .cursor(page1.getResponseMetadata().getNextCursor()));
            assertThat(page2.getMessages()).extracting(Message::getText).containsExactly("m1");
            assertThat(page2.getMessages().get(0).getMetadata())
                    .as("metadata only when asked")
                    .isNull();
            assertThat(page2.isHasMore()).isFalse();

            assertThat(sim.messages(GENERAL).get(0).metadataJson())
                    .isEqualTo("{\"event_type\":\"invalidation_status\",\"event_payload\":{\"n\":1}}");
        }

        @Test
        void messages_say_whose_they_are_and_any_app_or_person_may_attach_metadata() throws Exception {
            var other = new SlackSimulator.OtherApp("A0OTHER", "B0OTHER", "U0OTHERBOT");
            String metadata = "{\"event_type\":\"invalidation_request\",\"event_payload\":{\"requester\":\"U0X\"}}";
            String ours =
                    bot.chatPostMessage(m -> m.channel(GENERAL).text("ours")).getTs();
            sim.appPosts(other, GENERAL, "theirs", null, metadata);
            sim.userPosts(ALICE, GENERAL, "a person's", ours, metadata);

            List<Message> history = bot.conversationsHistory(
                            h -> h.channel(GENERAL).includeAllMetadata(true))
                    .getMessages();
            assertThat(history).extracting(Message::getText).containsExactly("theirs", "ours");
            assertThat(history.get(0).getBotId()).isEqualTo("B0OTHER");
            assertThat(history.get(0).getAppId()).isEqualTo("A0OTHER");
            assertThat(history.get(0).getUser()).isEqualTo("U0OTHERBOT");
            assertThat(history.get(0).getMetadata().getEventType()).isEqualTo("invalidation_request");
            assertThat(history.get(1).getBotId()).isEqualTo("B0BOT");
            assertThat(history.get(1).getAppId()).isEqualTo("A0SIM");
            Message reply = bot.conversationsReplies(
                            r -> r.channel(GENERAL).ts(ours).includeAllMetadata(true))
                    .getMessages()
                    .get(1);
            assertThat(reply.getUser()).isEqualTo(ALICE);
            assertThat(reply.getBotId()).isNull();
            assertThat(reply.getAppId()).isNull();
            assertThat(reply.getMetadata().getEventType()).isEqualTo("invalidation_request");
        }

        @Test
        void another_app_has_ids_of_its_own_and_posts_only_metadata_slack_would_take() {
            var impostor = new SlackSimulator.OtherApp("A0OTHER", SlackSimulator.BOT_ID, "U0OTHERBOT");
            assertThatThrownBy(() -> sim.appPosts(impostor, GENERAL, "x", null, null))
                    .isInstanceOf(IllegalArgumentException.class);
            var other = new SlackSimulator.OtherApp("A0OTHER", "B0OTHER", "U0OTHERBOT");
            assertThatThrownBy(() -> sim.appPosts(other, GENERAL, "x", null, "{\"event_type\":\"x\"}"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(sim.messages(GENERAL)).isEmpty();
        }

        @Test
        void ephemerals_and_permalinks() throws Exception {
            var eph = bot.chatPostEphemeral(e -> e.channel(GENERAL).user(ALICE).text("only you"));
            assertThat(eph.getMessageTs()).isNotBlank();
            assertThat(sim.ephemerals(ALICE)).singleElement().satisfies(e -> {
                assertThat(e.text()).isEqualTo("only you");
                assertThat(e.channel()).isEqualTo(GENERAL);
                assertThat(e.source()).isEqualTo(Ephemeral.FROM_API);
            });
            String ts = bot.chatPostMessage(m -> m.channel(GENERAL).text("x")).getTs();
            assertThat(bot.chatGetPermalink(p -> p.channel(GENERAL).messageTs(ts))
                            .getPermalink())
                    .isEqualTo("https://sim.slack.com/archives/C0GENERAL/p" + ts.replace(".", ""));
        }
    }

    private String postQuietly(String text) {
        try {
            return bot.chatPostMessage(m -> m.channel(GENERAL).text(text)).getTs();
        } catch (java.io.IOException | SlackApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Directory {

        @Test
        void users_of_another_team_show_their_team() throws Exception {
            sim.addUser("U0EXT", "mallory", "T0OTHER");
            var r = bot.usersInfo(u -> u.user("U0EXT"));
            assertThat(r.getUser().getTeamId()).isEqualTo("T0OTHER");
            assertThat(r.getUser().getName()).isEqualTo("mallory");
            assertThat(bot.usersInfo(u -> u.user("U0NOPE")).getError()).isEqualTo("user_not_found");
        }

        @Test
        void guests_show_as_restricted_and_single_channel_guests_as_ultra_restricted() throws Exception {
            sim.addGuest("U0GUEST", "contractor", false);
            sim.addGuest("U0VISITOR", "visitor", true);
            var guest = bot.usersInfo(u -> u.user("U0GUEST")).getUser();
            var visitor = bot.usersInfo(u -> u.user("U0VISITOR")).getUser();
            var member = bot.usersInfo(u -> u.user(ALICE)).getUser();
            assertThat(List.of(guest.isRestricted(), guest.isUltraRestricted())).containsExactly(true, false);
            assertThat(List.of(visitor.isRestricted(), visitor.isUltraRestricted()))
                    .containsExactly(true, true);
            assertThat(List.of(member.isRestricted(), member.isUltraRestricted()))
                    .containsExactly(false, false);
            assertThat(guest.getTeamId()).isEqualTo("T0SIM");
        }

        @Test
        void channels_show_membership_and_sharing() throws Exception {
            sim.addChannel("C0SHARED", "partners", true);
            sim.shareExternally("C0SHARED", false);
            var shared = bot.conversationsInfo(c -> c.channel("C0SHARED")).getChannel();
            assertThat(shared.isExtShared()).isTrue();
            assertThat(shared.isPendingExtShared()).isFalse();
            assertThat(shared.getContextTeamId()).isEqualTo("T0SIM");
            assertThat(bot.conversationsInfo(c -> c.channel(RANDOM))
                            .getChannel()
                            .isMember())
                    .isFalse();
            assertThat(bot.conversationsInfo(c -> c.channel("C0NOPE")).getError())
                    .isEqualTo("channel_not_found");
        }

        @Test
        void users_conversations_lists_the_channels_the_bot_is_in_of_the_types_asked_a_page_at_a_time()
                throws Exception {
            sim.addChannel("C0OPS", "ops", true);
            sim.addChannel("G0SECRET", "secret", true, true);
            sim.addChannel("G0ELSEWHERE", "elsewhere", false, true);
            List<ConversationType> both = List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL);

            var first = bot.usersConversations(u -> u.types(both).limit(2));
            var second = bot.usersConversations(u ->
                    u.types(both).limit(2).cursor(first.getResponseMetadata().getNextCursor()));

            assertThat(first.getChannels()).extracting(Conversation::getId).containsExactly(GENERAL, "C0OPS");
            assertThat(second.getChannels()).extracting(Conversation::getId).containsExactly("G0SECRET");
            assertThat(second.getResponseMetadata().getNextCursor()).isEmpty();
            assertThat(bot.usersConversations(u -> u).getChannels())
                    .as("public channels only, by default")
                    .extracting(Conversation::getId)
                    .containsExactly(GENERAL, "C0OPS");
        }

        @Test
        void user_groups_list_their_members() throws Exception {
            sim.addUserGroup("S0OPS", "ops", ALICE, "U0BOB");
            assertThat(bot.usergroupsUsersList(g -> g.usergroup("S0OPS")).getUsers())
                    .containsExactly(ALICE, "U0BOB");
            assertThat(bot.usergroupsList(g -> g).getUsergroups())
                    .singleElement()
                    .satisfies(g -> assertThat(g.getHandle()).isEqualTo("ops"));
            assertThat(bot.usergroupsUsersList(g -> g.usergroup("S0NOPE")).getError())
                    .isEqualTo("no_such_subteam");
        }
    }

    @Nested
    class Views {

        @Test
        void a_trigger_opens_one_modal_only() throws Exception {
            String trigger = sim.slashCommand(ALICE, GENERAL, "/invalidate", "").triggerId();
            ViewsOpenResponse opened = bot.viewsOpen(v -> v.triggerId(trigger).viewAsString(MODAL));
            assertThat(opened.isOk()).isTrue();
            assertThat(opened.getView().getId()).startsWith("V");
            assertThat(opened.getView().getCallbackId()).isEqualTo("req");
            assertThat(bot.viewsOpen(v -> v.triggerId(trigger).viewAsString(MODAL))
                            .getError())
                    .isEqualTo("exchanged_trigger_id");
            assertThat(bot.viewsOpen(v -> v.triggerId("1.2.made-up").viewAsString(MODAL))
                            .getError())
                    .isEqualTo("invalid_trigger_id");
            assertThat(sim.views(ALICE))
                    .singleElement()
                    .satisfies(v ->
                            assertThat(v.viewId()).isEqualTo(opened.getView().getId()));
        }

        @Test
        void triggers_expire() throws Exception {
            sim.triggerLifetime(Duration.ZERO);
            String trigger = sim.slashCommand(ALICE, GENERAL, "/invalidate", "").triggerId();
            assertThat(bot.viewsOpen(v -> v.triggerId(trigger).viewAsString(MODAL))
                            .getError())
                    .isEqualTo("expired_trigger_id");
        }

        @Test
        void update_checks_the_hash_and_publish_sets_the_home_tab() throws Exception {
            String trigger = sim.slashCommand(ALICE, GENERAL, "/invalidate", "").triggerId();
            var view =
                    bot.viewsOpen(v -> v.triggerId(trigger).viewAsString(MODAL)).getView();
            assertThat(bot.viewsUpdate(u -> u.viewId(view.getId()).hash("stale").viewAsString(MODAL))
                            .getError())
                    .isEqualTo("hash_conflict");
            assertThat(bot.viewsUpdate(u ->
                                    u.viewId(view.getId()).hash(view.getHash()).viewAsString(MODAL))
                            .isOk())
                    .isTrue();
            assertThat(bot.viewsPublish(p -> p.userId(ALICE).viewAsString("{\"type\":\"home\",\"blocks\":[]}"))
                            .isOk())
                    .isTrue();
            assertThat(sim.views(ALICE))
                    .extracting(SlackSimulator.OpenedView::method)
                    .containsExactly("views.open", "views.update", "views.publish");
        }
    }

    @Nested
    class Faults {

        @Test
        void rate_limiting_surfaces_as_429_with_retry_after() throws Exception {
            sim.rateLimit("chat.postMessage", 1, 7);
            assertThatThrownBy(() -> bot.chatPostMessage(m -> m.channel(GENERAL).text("hi")))
                    .isInstanceOfSatisfying(SlackApiException.class, e -> {
                        assertThat(e.getResponse().code()).isEqualTo(429);
                        assertThat(e.getResponse().header("Retry-After")).isEqualTo("7");
                        assertThat(e.getError().getError()).isEqualTo("ratelimited");
                    });
            assertThat(bot.chatPostMessage(m -> m.channel(GENERAL).text("hi")).isOk())
                    .as("only once")
                    .isTrue();
            assertThat(sim.messages(GENERAL)).hasSize(1);
        }

        @Test
        void fail_next_answers_ok_false() throws Exception {
            sim.failNext("chat.update", "edit_window_closed", 2);
            String ts = bot.chatPostMessage(m -> m.channel(GENERAL).text("a")).getTs();
            assertThat(bot.chatUpdate(u -> u.channel(GENERAL).ts(ts).text("b")).getError())
                    .isEqualTo("edit_window_closed");
            assertThat(bot.chatUpdate(u -> u.channel(GENERAL).ts(ts).text("b")).getError())
                    .isEqualTo("edit_window_closed");
            assertThat(bot.chatUpdate(u -> u.channel(GENERAL).ts(ts).text("b")).isOk())
                    .isTrue();
        }

        @Test
        void a_fault_after_commit_answers_ok_false_for_a_call_that_took_effect() throws Exception {
            sim.failNextAfterCommit("chat.postMessage", "internal_error", 1);

            assertThat(bot.chatPostMessage(m -> m.channel(GENERAL).text("a")).getError())
                    .isEqualTo("internal_error");
            assertThat(sim.messages(GENERAL))
                    .singleElement()
                    .satisfies(m -> assertThat(m.text()).isEqualTo("a"));
        }

        @Test
        void an_envelope_with_no_connection_fails_to_dispatch() {
            var envelope = sim.slashCommand(ALICE, GENERAL, "/invalidate", "web /");
            assertThatThrownBy(() -> envelope.ack().join())
                    .isInstanceOf(CompletionException.class)
                    .hasMessageContaining("dispatch_failed");
        }
    }

    @Nested
    class ResponseUrls {

        @Test
        void a_response_url_takes_five_posts_then_says_used_url() throws Exception {
            String url = sim.slashCommand(ALICE, GENERAL, "/invalidate", "").responseUrl();
            for (int i = 1; i <= 5; i++) {
                assertThat(slack.send(url, "{\"text\":\"reply " + i + "\"}").getCode())
                        .isEqualTo(200);
            }
            var sixth = slack.send(url, "{\"text\":\"too many\"}");
            assertThat(sixth.getCode()).isEqualTo(404);
            assertThat(sixth.getBody()).isEqualTo("used_url");
            assertThat(sim.ephemerals(ALICE)).hasSize(5).allSatisfy(e -> {
                assertThat(e.source()).isEqualTo(Ephemeral.FROM_RESPONSE_URL);
                assertThat(e.channel()).isEqualTo(GENERAL);
            });
        }

        @Test
        void in_channel_responses_show_in_the_channel() throws Exception {
            String url = sim.slashCommand(ALICE, GENERAL, "/invalidate", "").responseUrl();
            slack.send(url, "{\"text\":\"everyone sees this\",\"response_type\":\"in_channel\"}");
            assertThat(sim.messages(GENERAL))
                    .extracting(SlackSimulator.ChannelMessage::text)
                    .containsExactly("everyone sees this");
            assertThat(sim.ephemerals(ALICE)).isEmpty();
        }
    }

    /** Slack refuses Block Kit past its limits ({@code slack.md} §11); so does the simulator, and shows nothing. */
    @Nested
    class BlockKitLimits {

        private String section(String text) {
            return "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + text + "\"}}";
        }

        private String blocks(String... blocks) {
            return "[" + String.join(",", blocks) + "]";
        }

        private String post(String blocks) throws Exception {
            var response =
                    bot.chatPostMessage(m -> m.channel(GENERAL).text("fallback").blocksAsString(blocks));
            return response.isOk() ? "ok" : response.getError();
        }

        @Test
        void a_section_of_3000_characters_is_taken_and_one_of_3001_is_invalid_blocks() throws Exception {
            assertThat(post(blocks(section("a".repeat(3000))))).isEqualTo("ok");
            assertThat(post(blocks(section("a".repeat(3001))))).isEqualTo("invalid_blocks");
            assertThat(sim.messages(GENERAL)).hasSize(1);
        }

        @Test
        void an_emoji_counts_as_two_characters() throws Exception {
            assertThat(post(blocks(section("a".repeat(2999) + "\uD83D\uDE00")))).isEqualTo("invalid_blocks");
        }

        @Test
        void an_empty_section_is_invalid_blocks() throws Exception {
            assertThat(post(blocks(section("")))).isEqualTo("invalid_blocks");
        }

        @Test
        void more_than_50_blocks_are_invalid_blocks() throws Exception {
            String[] many = new String[51];
            java.util.Arrays.fill(many, section("a"));
            assertThat(post(blocks(many))).isEqualTo("invalid_blocks");
        }

        @Test
        void a_button_label_over_75_characters_is_invalid_blocks() throws Exception {
            String button = "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"go\","
                    + "\"text\":{\"type\":\"plain_text\",\"text\":\"" + "b".repeat(76) + "\"},\"value\":\"v\"}]}";
            assertThat(post(blocks(button))).isEqualTo("invalid_blocks");
        }

        @Test
        void a_header_over_150_characters_is_invalid_blocks() throws Exception {
            String header =
                    "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151) + "\"}}";
            assertThat(post(blocks(header))).isEqualTo("invalid_blocks");
        }

        @Test
        void blocks_with_more_than_11000_characters_of_text_together_are_msg_blocks_too_long() throws Exception {
            String full = section("a".repeat(2750));
            assertThat(post(blocks(full, full, full, full))).isEqualTo("ok");
            assertThat(post(blocks(full, full, full, full, section("a")))).isEqualTo("msg_blocks_too_long");
        }

        @Test
        void an_update_and_an_ephemeral_are_held_to_the_same_limits() throws Exception {
            String ts = bot.chatPostMessage(m -> m.channel(GENERAL).text("a")).getTs();
            String tooLong = blocks(section("a".repeat(3001)));
            assertThat(bot.chatUpdate(u -> u.channel(GENERAL).ts(ts).text("b").blocksAsString(tooLong))
                            .getError())
                    .isEqualTo("invalid_blocks");
            assertThat(bot.chatPostEphemeral(e ->
                                    e.channel(GENERAL).user(ALICE).text("b").blocksAsString(tooLong))
                            .getError())
                    .isEqualTo("invalid_blocks");
            assertThat(sim.messages(GENERAL))
                    .singleElement()
                    .satisfies(m -> assertThat(m.text()).isEqualTo("a"));
            assertThat(sim.ephemerals(ALICE)).isEmpty();
        }

        @Test
        void a_modal_with_a_title_over_24_characters_or_101_blocks_is_invalid_arguments() throws Exception {
            String longTitle = MODAL.replace("\"Invalidate\"", "\"" + "t".repeat(25) + "\"");
            String trigger = sim.slashCommand(ALICE, GENERAL, "/invalidate", "").triggerId();
            assertThat(bot.viewsOpen(v -> v.triggerId(trigger).viewAsString(longTitle))
                            .getError())
                    .isEqualTo("invalid_arguments");
            String[] many = new String[101];
            java.util.Arrays.fill(many, section("a"));
            String home = "{\"type\":\"home\",\"blocks\":" + blocks(many) + "}";
            assertThat(bot.viewsPublish(p -> p.userId(ALICE).viewAsString(home)).getError())
                    .isEqualTo("invalid_arguments");
            assertThat(sim.views(ALICE)).isEmpty();
        }

        @Test
        void a_select_with_an_option_value_over_75_characters_is_invalid_arguments() throws Exception {
            String modal = MODAL.replace(
                    "{\"type\":\"plain_text_input\",\"action_id\":\"value\"}",
                    "{\"type\":\"static_select\",\"action_id\":\"value\",\"options\":[{\"text\":"
                            + "{\"type\":\"plain_text\",\"text\":\"web\"},\"value\":\"" + "v".repeat(76) + "\"}]}");
            String trigger = sim.slashCommand(ALICE, GENERAL, "/invalidate", "").triggerId();
            assertThat(bot.viewsOpen(v -> v.triggerId(trigger).viewAsString(modal))
                            .getError())
                    .isEqualTo("invalid_arguments");
        }

        @Test
        void a_response_url_refuses_invalid_blocks_with_400_and_shows_nothing() throws Exception {
            String url = sim.slashCommand(ALICE, GENERAL, "/invalidate", "").responseUrl();
            var refused = slack.send(url, "{\"text\":\"t\",\"blocks\":" + blocks(section("a".repeat(3001))) + "}");
            assertThat(refused.getCode()).isEqualTo(400);
            assertThat(refused.getBody()).isEqualTo("invalid_blocks");
            assertThat(sim.ephemerals(ALICE)).isEmpty();
        }
    }
}
