package dev.invalidator.deploy;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.slack.api.bolt.App;
import com.slack.api.methods.AsyncMethodsClient;
import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.Event;
import com.slack.api.model.event.FunctionExecutedEvent;
import dev.invalidator.flow.StepOutcomes;
import dev.invalidator.slack.listeners.commands.InvalidateCommandListener;
import dev.invalidator.slack.listeners.events.WorkflowStepListener;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code manifest.yml}, the manifest operators create the Slack app from: its bot scopes are exactly those the
 * Web API methods in the code need, and it follows the manifest rules of {@code ../shared/reference/slack.md} §14.
 */
class ManifestTest {

    /**
     * The bot scopes each Web API method needs where the bot works: public and private channels (slack.md §2 lists
     * channel ids C… and G…; direct messages are not configured). An empty set: the method needs no scope.
     */
    static final Map<String, Set<String>> SCOPES_BY_METHOD = Map.ofEntries(
            // slack.md §2: chat:write posts and updates the bot's own messages, ephemeral ones included
            entry("chat.postMessage", Set.of("chat:write")),
            entry("chat.update", Set.of("chat:write")),
            entry("chat.postEphemeral", Set.of("chat:write")),
            // docs.slack.dev/reference/methods/chat.delete: "with a bot token, this method may delete only messages
            // posted by that bot", under the chat:write the bot posts them with
            entry("chat.delete", Set.of("chat:write")),
            // docs.slack.dev/reference/methods/conversations.history: a bot token needs the *:history scope of the
            // conversation's kind; docs.slack.dev/reference/scopes/channels.history names conversations.replies too
            entry("conversations.history", Set.of("channels:history", "groups:history")),
            entry("conversations.replies", Set.of("channels:history", "groups:history")),
            // slack.md §2
            entry("conversations.info", Set.of("channels:read", "groups:read")),
            // docs.slack.dev/reference/methods/users.conversations: the *:read scope of each type listed, and the
            // bot lists public and private channels
            entry("users.conversations", Set.of("channels:read", "groups:read")),
            entry("users.info", Set.of("users:read")),
            entry("usergroups.users.list", Set.of("usergroups:read")),
            // hex.pm slack_kit priv/docs/methods/usergroups.list.json: bot scope usergroups:read
            entry("usergroups.list", Set.of("usergroups:read")),
            // api.slack.com/methods/chat.getPermalink: "Bot tokens: No scope required"; views.open and views.publish
            // list no scopes (hex.pm slack_kit priv/docs/methods/views.*.json); auth.test works with any token
            entry("chat.getPermalink", Set.of()),
            entry("views.open", Set.of()),
            entry("views.publish", Set.of()),
            entry("auth.test", Set.of()),
            // docs.slack.dev/reference/methods/functions.completeSuccess, .completeError: "No scopes required"
            entry("functions.completeSuccess", Set.of()),
            entry("functions.completeError", Set.of()),
            // slack.md §2: called with the app-level token, whose connections:write is set on the token, not here
            entry("apps.connections.open", Set.of()));

    /** Calls Bolt makes itself (bolt-java.md §3): auth.test at start-up, apps.connections.open per connection. */
    private static final Set<String> CALLED_BY_BOLT = Set.of("auth.test", "apps.connections.open");

    /** The events Slack delivers and the scopes they need: app_home_opened needs none, only a bot user. */
    private static final Map<String, Set<String>> SCOPES_BY_EVENT =
            Map.of("app_home_opened", Set.of(), "function_executed", Set.of());

    /** slack.md §2: a slash command needs the commands scope. */
    private static final String SLASH_COMMAND_SCOPE = "commands";

    private static JsonNode manifest;
    private static MainClasses main;
    private static Map<String, SortedSet<String>> methodsCalled;

    @BeforeAll
    static void read() throws IOException {
        manifest = new YAMLMapper().readTree(Path.of("manifest.yml").toFile());
        main = MainClasses.read();
        methodsCalled = webApiMethodsCalled();
    }

    /**
     * Every Web API method the code calls, or passes by reference, on a {@link MethodsClient} (or its asynchronous
     * twin, whose methods bear the same names), with the files that call it.
     */
    private static Map<String, SortedSet<String>> webApiMethodsCalled() {
        Map<String, String> methodByClientName = clientNamesOfWebApiMethods();
        Map<String, SortedSet<String>> called = new TreeMap<>();
        main.calls(type -> type.isAssignableTo(MethodsClient.class) || type.isAssignableTo(AsyncMethodsClient.class))
                .forEach((call, files) -> Optional.ofNullable(methodByClientName.get(call.method()))
                        .ifPresent(method -> called.computeIfAbsent(method, m -> new TreeSet<>())
                                .addAll(files)));
        CALLED_BY_BOLT.forEach(
                method -> called.computeIfAbsent(method, m -> new TreeSet<>()).add("Bolt itself"));
        return called;
    }

    /** {@code chatPostMessage → chat.postMessage}, for every method the SDK's {@link Methods} names. */
    private static Map<String, String> clientNamesOfWebApiMethods() {
        Set<String> clientMethods = Arrays.stream(MethodsClient.class.getMethods())
                .map(Method::getName)
                .collect(Collectors.toSet());
        Map<String, String> methodByClientName = new HashMap<>();
        for (Field field : Methods.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String method = (String) constant(field);
                String clientName = clientName(method);
                if (clientMethods.contains(clientName)) {
                    methodByClientName.put(clientName, method);
                }
            }
        }
        return methodByClientName;
    }

    private static String clientName(String method) {
        String[] parts = method.split("\\.", -1);
        StringBuilder name = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return name.toString();
    }

    private static Object constant(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> botScopes() {
        return strings(manifest.path("oauth_config").path("scopes").path("bot"));
    }

    private static Set<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode slashCommands() {
        return manifest.path("features").path("slash_commands");
    }

    @Nested
    class Scopes {

        @Test
        void the_scan_finds_the_calls_a_status_message_is_made_of() {
            assertThat(methodsCalled).containsKeys("chat.postMessage", "chat.update", "auth.test");
            assertThat(methodsCalled.get("chat.postMessage")).contains("slack/SlackPosts.java");
        }

        @Test
        void every_web_api_method_the_code_calls_has_its_scopes_in_the_manifest() {
            List<String> problems = new ArrayList<>();
            methodsCalled.forEach((method, callers) -> {
                Set<String> needed = SCOPES_BY_METHOD.get(method);
                if (needed == null) {
                    problems.add(method + " (called in " + callers + "): no scope known; add its bot scopes from the"
                            + " method's page to ManifestTest.SCOPES_BY_METHOD");
                    return;
                }
                Set<String> missing = new TreeSet<>(needed);
                missing.removeAll(botScopes());
                if (!missing.isEmpty()) {
                    problems.add(method + " (called in " + callers + ") needs " + missing
                            + ": add to oauth_config.scopes.bot in manifest.yml");
                }
            });

            assertThat(problems).as("Web API methods without their scopes").isEmpty();
        }

        @Test
        void every_scope_in_the_manifest_is_needed_by_a_called_method_or_a_feature() {
            Set<String> needed = new TreeSet<>();
            methodsCalled.keySet().forEach(method -> needed.addAll(SCOPES_BY_METHOD.getOrDefault(method, Set.of())));
            strings(manifest.path("settings").path("event_subscriptions").path("bot_events"))
                    .forEach(event -> needed.addAll(SCOPES_BY_EVENT.getOrDefault(event, Set.of())));
            if (!slashCommands().isEmpty()) {
                needed.add(SLASH_COMMAND_SCOPE);
            }
            Set<String> unused = new TreeSet<>(botScopes());
            unused.removeAll(needed);

            assertThat(unused)
                    .as("scopes in manifest.yml that no called method needs: remove them")
                    .isEmpty();
        }

        @Test
        void the_bot_asks_for_no_user_scopes() {
            assertThat(manifest.path("oauth_config").path("scopes").path("user"))
                    .as("user scopes")
                    .isEmpty();
        }
    }

    /** slack.md §14 and docs.slack.dev/reference/app-manifest. */
    @Nested
    class Rules {

        @Test
        void the_schema_version_is_one_slack_supports() {
            assertThat(manifest.path("_metadata").path("major_version").asInt()).isIn(1, 2);
        }

        @Test
        void socket_mode_is_on_and_no_request_url_is_set() {
            JsonNode settings = manifest.path("settings");

            assertThat(settings.path("socket_mode_enabled").asBoolean())
                    .as("socket_mode_enabled")
                    .isTrue();
            assertThat(settings.path("interactivity").has("request_url"))
                    .as("interactivity.request_url")
                    .isFalse();
            assertThat(settings.path("event_subscriptions").has("request_url"))
                    .as("event_subscriptions.request_url")
                    .isFalse();
            slashCommands()
                    .forEach(command -> assertThat(command.has("url"))
                            .as("slash command url")
                            .isFalse());
        }

        @Test
        void interactivity_is_on_for_the_buttons_and_the_form() {
            assertThat(manifest.path("settings")
                            .path("interactivity")
                            .path("is_enabled")
                            .asBoolean())
                    .isTrue();
        }

        @Test
        void the_slash_command_is_the_one_the_listener_registers_with_a_description_and_usage_hint() {
            assertThat(slashCommands()).hasSize(1);
            JsonNode command = slashCommands().get(0);

            assertThat(command.path("command").asText())
                    .isEqualTo(InvalidateCommandListener.COMMAND)
                    .hasSizeLessThanOrEqualTo(32);
            assertThat(command.path("description").asText()).isNotBlank().hasSizeLessThanOrEqualTo(2000);
            assertThat(command.path("usage_hint").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1000);
        }

        @Test
        void the_texts_people_see_fit_slack_limits() {
            JsonNode display = manifest.path("display_information");

            assertThat(display.path("name").asText()).isNotBlank().hasSizeLessThanOrEqualTo(35);
            assertThat(display.path("description").asText()).hasSizeLessThanOrEqualTo(140);
            // App Settings rejects a long_description under 174 characters (docs.slack.dev/reference/app-manifest)
            assertThat(display.path("long_description").asText()).hasSizeBetween(174, 4000);
            assertThat(manifest.path("features")
                            .path("bot_user")
                            .path("display_name")
                            .asText())
                    .isNotBlank()
                    .hasSizeLessThanOrEqualTo(80);
        }

        @Test
        void the_bot_events_are_exactly_the_events_the_listeners_handle() throws Exception {
            // Bolt routes an event to the listener registered with its class: app.event(AppHomeOpenedEvent.class, …)
            Set<String> handled = new TreeSet<>();
            for (Class<?> type : main.classLiterals(literal -> literal.isAssignableTo(Event.class))
                    .keySet()) {
                handled.add((String) type.getField("TYPE_NAME").get(null));
            }
            // app.function(callbackId, …) listens for function_executed without naming its class
            if (!main.calls(type -> type.isAssignableTo(App.class)).keySet().stream()
                    .filter(call -> call.method().equals("function"))
                    .toList()
                    .isEmpty()) {
                handled.add(FunctionExecutedEvent.TYPE_NAME);
            }

            assertThat(strings(manifest.path("settings")
                            .path("event_subscriptions")
                            .path("bot_events")))
                    .containsExactlyInAnyOrderElementsOf(handled)
                    .allSatisfy(event -> assertThat(SCOPES_BY_EVENT)
                            .as("scopes of event " + event)
                            .containsKey(event));
        }

        @Test
        void the_home_tab_is_enabled_when_the_code_publishes_it() {
            // views.publish answers not_enabled for a home view while the Home tab is off
            boolean published = methodsCalled.containsKey("views.publish");

            assertThat(manifest.path("features")
                            .path("app_home")
                            .path("home_tab_enabled")
                            .asBoolean())
                    .as("home_tab_enabled while the code %s views.publish", published ? "calls" : "never calls")
                    .isEqualTo(published);
        }
    }

    /** The custom step for Workflow Builder: slack.md §15, docs.slack.dev/tools/java-slack-sdk/guides/custom-steps. */
    @Nested
    class WorkflowStep {

        private JsonNode step() {
            return manifest.path("functions").path(WorkflowStepListener.CALLBACK_ID);
        }

        @Test
        void the_step_is_declared_under_the_callback_id_the_listener_answers() {
            assertThat(manifest.path("functions").size()).isEqualTo(1);
            assertThat(step().path("title").asText()).isNotBlank();
            assertThat(step().path("description").asText()).isNotBlank();
        }

        @Test
        void its_inputs_are_exactly_those_the_listener_reads_and_the_four_it_needs_are_required() {
            assertThat(fieldNames(step().path("input_parameters").path("properties")))
                    .containsExactlyElementsOf(WorkflowStepListener.INPUTS);
            assertThat(strings(step().path("input_parameters").path("required")))
                    .containsExactlyInAnyOrder("target", "paths", "user", "channel");
            assertThat(step().path("input_parameters")
                            .path("properties")
                            .path("user")
                            .path("type")
                            .asText())
                    .isEqualTo("slack#/types/user_id");
            assertThat(step().path("input_parameters")
                            .path("properties")
                            .path("channel")
                            .path("type")
                            .asText())
                    .isEqualTo("slack#/types/channel_id");
        }

        @Test
        void its_outputs_are_exactly_those_the_bot_completes_it_with() {
            assertThat(fieldNames(step().path("output_parameters").path("properties")))
                    .containsExactlyElementsOf(StepOutcomes.OUTPUTS);
            assertThat(step().path("output_parameters")
                            .path("properties")
                            .path("stale_urls")
                            .path("type")
                            .asText())
                    .isEqualTo("integer");
        }

        @Test
        void org_deploy_is_on_as_slack_requires_for_custom_steps() {
            assertThat(manifest.path("settings").path("org_deploy_enabled").asBoolean())
                    .isTrue();
        }

        private List<String> fieldNames(JsonNode node) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }
}
