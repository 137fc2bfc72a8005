package dev.invalidator.flow;

import static dev.invalidator.testing.BotFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.BotConfig;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackChat;
import dev.invalidator.testing.AuditLines;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A distribution tenant as a target, through the real Bolt client and the real AWS SDK: its requests go to the tenant
 * operations, never to its parent's, named by alias or by a domain of the tenant, refused like a distribution's, held
 * back by its parent's in-progress limits, and found again by their CallerReference after a restart.
 */
class TenantEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String SAAS = "E4SAASEXAMPLE";
    private static final String ACME = "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB";
    private static final String GLOBEX = "dt_2xVInRKCfUzQHgxosDs9hiLk1AB";
    private static final String CONFIG = """
            distributions:
              saas:
                id: E4SAASEXAMPLE
                channels: [C0OPS]
                users: ["*"]
            tenants:
              acme:
                id: dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB
                channels: [C0OPS]
                users: ["*"]
              globex:
                id: dt_2xVInRKCfUzQHgxosDs9hiLk1AB
                channels: [C0GLOBEX]
                users: ["*"]
            polling:
              initialInterval: 50ms
              maxInterval: 200ms
            verify:
              enabled: false
            """;

    private final BotFixture world = new BotFixture();

    @BeforeEach
    void tenants() {
        world.cloudFront.simulator.addDistribution(SAAS, "d444444abcdef8.cloudfront.net", "*.saas.example.com");
        world.cloudFront.simulator.addTenant(ACME, SAAS, "acme.example.com");
        world.cloudFront.simulator.addTenant(GLOBEX, SAAS, "globex.example.com");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private static BotConfig config() {
        return BotFixture.config(CONFIG);
    }

    private List<SimulatedInvalidation> created(String targetId) {
        return world.cloudFront.simulator.invalidations(targetId);
    }

    private ChannelMessage awaitStatus(String state) {
        return world.awaitMessage(OPS, message -> message.text().contains(state), "a status message saying " + state);
    }

    @Test
    void a_request_for_a_tenant_is_created_and_completed_on_the_tenant_not_its_parent() {
        world.startBot(config());

        world.type(ALICE, OPS, "acme /index.html");

        SimulatedInvalidation invalidation = world.awaitInvalidation(ACME);
        assertThat(invalidation.paths()).containsExactly("/index.html");
        assertThat(created(SAAS)).isEmpty();
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
        awaitStatus("in progress");
        world.cloudFront.simulator.complete(invalidation.id());
        ChannelMessage completed = awaitStatus("completed");
        assertThat(completed.text()).contains("acme");
        assertThat(world.cloudFront.simulator.calls(Operation.GET_INVALIDATION_FOR_DISTRIBUTION_TENANT, ACME)
                        + world.cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS_FOR_DISTRIBUTION_TENANT, ACME))
                .isPositive();
    }

    @Test
    void a_cache_tag_for_a_tenant_is_refused_saying_tenants_take_paths_even_when_the_parent_has_cache_tags() {
        world.cloudFront.simulator.cacheTagHeader(SAAS, "Edge-Cache-Tag");
        world.startBot(config());

        world.type(ALICE, OPS, "acme #release-42");

        Await.until(
                "an answer saying a tenant takes paths, not cache tags",
                () -> world.slack.ephemerals(ALICE).stream()
                        .anyMatch(e -> e.text().contains("distribution tenant")
                                && e.text().contains("#release-42")));
        assertThat(created(ACME)).isEmpty();
    }

    @Test
    void list_and_status_show_the_tenants_invalidations() {
        world.startBot(config());
        world.type(ALICE, OPS, "acme /index.html");
        String id = world.awaitInvalidation(ACME).id();
        awaitStatus("in progress");

        world.type(ALICE, OPS, "list acme");
        world.type(ALICE, OPS, "status acme " + id);

        String list = Await.value(
                        "the list",
                        () -> world.slack.ephemerals(ALICE).stream()
                                .filter(e -> e.text().startsWith("Recent"))
                                .findFirst()
                                .orElse(null))
                .blocksJson();
        assertThat(list).contains(id).contains("<@" + ALICE + ">");
        Await.until(
                "the status of " + id,
                () -> world.slack.ephemerals(ALICE).stream()
                        .anyMatch(e ->
                                !e.text().startsWith("Recent") && e.blocksJson().contains(id)));
    }

    @Test
    void a_tenant_is_named_by_one_of_its_domains() {
        world.startBot(config());

        world.type(ALICE, OPS, "acme.example.com /index.html");

        assertThat(world.awaitInvalidation(ACME).paths()).containsExactly("/index.html");
    }

    @Test
    void a_domain_the_tenant_gained_since_it_was_read_is_found_through_cloudfront() {
        world.startBot(config());
        world.cloudFront.simulator.addTenantDomain(ACME, "shop.acme.example");

        world.type(ALICE, OPS, "shop.acme.example /index.html");

        assertThat(world.awaitInvalidation(ACME).paths()).containsExactly("/index.html");
        assertThat(world.cloudFront.simulator.calls(Operation.GET_DISTRIBUTION_TENANT_BY_DOMAIN))
                .isEqualTo(1);
    }

    @Test
    void a_tenant_not_allowed_in_the_channel_is_refused_privately_like_a_distribution() {
        world.startBot(config());

        world.type(ALICE, OPS, "globex /index.html");

        Ephemeral answer = world.awaitEphemeral(ALICE, "the refusal");
        assertThat(answer.text()).contains("globex").contains("C0GLOBEX");
        assertThat(created(GLOBEX)).isEmpty();
        assertThat(world.slack.messages(OPS)).isEmpty();
    }

    @Test
    void a_tenants_wildcards_wait_behind_its_parents_in_progress_and_go_when_they_complete() {
        world.startBot(config());
        String fifteen = IntStream.range(0, 15).mapToObj(i -> "/p" + i + "/*").collect(Collectors.joining(" "));
        world.type(ALICE, OPS, "saas " + fifteen);
        SimulatedInvalidation parents = world.awaitInvalidation(SAAS);
        awaitStatus("in progress");

        world.type(ALICE, OPS, "acme /assets/*");

        ChannelMessage queued = awaitStatus("⏳ Queued");
        assertThat(queued.text()).contains("15 wildcard paths in progress");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION_FOR_DISTRIBUTION_TENANT))
                .as("held back by the bot's own count, not sent to be refused")
                .isZero();
        world.cloudFront.simulator.complete(parents.id());
        assertThat(world.awaitInvalidation(ACME).paths()).containsExactly("/assets/*");
    }

    @Test
    void a_tenants_invalidation_left_by_a_stopped_instance_is_found_by_its_caller_reference() {
        StatusCard card = StatusCard.requesting(ALICE, "acme", ACME, 1);
        PostedMessage orphan = new SlackChat(
                        SlackBot.slack(world.slack.apiUrl()).methods(world.slack.botToken()), 3, Duration.ofSeconds(1))
                .post(
                        OPS,
                        card.message(),
                        Map.of(
                                StatusFacts.REQUESTER,
                                ALICE,
                                StatusFacts.DISTRIBUTION,
                                ACME,
                                StatusFacts.ALIAS,
                                "acme",
                                StatusFacts.PATHS,
                                "1"));
        Invalidation created = world.cloudFront.cdn.create(
                ACME, new CallerReference(OPS, orphan.ts(), ALICE).encode(), List.of("/index.html"));

        world.startBot(config(), new MutableClock(Instant.now().plus(Duration.ofMinutes(3))));

        world.awaitMessage(OPS, m -> m.ts().equals(orphan.ts()) && m.text().contains("in progress"), "the move on");
        world.cloudFront.simulator.complete(created.id());
        world.awaitMessage(OPS, m -> m.ts().equals(orphan.ts()) && m.text().contains("completed"), "the completion");
        assertThat(created(ACME)).hasSize(1);
        assertThat(created(SAAS)).isEmpty();
        Await.until(
                "no create on the parent", () -> world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION) == 0);
    }

    @Test
    void a_workflow_steps_request_for_a_tenant_approved_on_another_instance_is_audited_as_the_steps() {
        String acme = "    id: dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB\n    channels: [C0OPS]\n    users: [\"*\"]\n";
        BotConfig gated =
                BotFixture.config(CONFIG.replace(acme, acme + "    approvers: [U0BOB]\n    approvalFor: all\n"));
        try (AuditLines audit = AuditLines.capture()) {
            Bot first = world.startBot(gated);
            StepExecution execution = world.runStep("acme", "/index.html", ALICE, OPS, true);
            ChannelMessage waiting = world.awaitMessage(
                    OPS,
                    message -> message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                    "acme's request with its buttons");
            world.stop(first);
            world.startBot(gated);

            world.click(SlackSimulator.BOB, OPS, waiting, StatusCard.APPROVE);
            world.awaitInvalidation(ACME);

            String fromStep = AuditLines.fromStep(execution);
            assertThat(AuditLines.origin(audit.await("approved", ACME))).isEqualTo(fromStep);
            assertThat(AuditLines.origin(audit.await("created", ACME))).isEqualTo(fromStep);
        }
    }
}
