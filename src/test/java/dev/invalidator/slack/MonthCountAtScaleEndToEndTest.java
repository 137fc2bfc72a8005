package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.LargeConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * This month's paths with {@value LargeConfig#DISTRIBUTIONS} distributions and {@value LargeConfig#TENANTS} tenants in
 * one AWS account, CloudFront's rate limits on: a fresh count lists each of the 2,500 targets' invalidations, which
 * at the account's read pace takes many minutes, so a person is answered from what is known — here, just after
 * start-up, nothing yet: the request is asked about as possibly charged.
 */
class MonthCountAtScaleEndToEndTest {

    /**
     * The bound a person waits for a costly request's question: {@code MonthToDatePaths.LONGEST_WAIT} (5 s) for a
     * count nobody has finished yet, plus the request's own few calls and a loaded machine's margin. A fresh count of
     * the account needs 2,500 ListInvalidations at about 4 reads a second: more than ten minutes.
     */
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static final String CAROL = BotFixture.CAROL;

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
        LargeConfig.deploy(world.cloudFront.simulator);
        world.startConnected(BotFixture.config(LargeConfig.yaml()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void a_request_typed_while_the_months_count_is_not_known_is_asked_about_as_possibly_charged_within_seconds() {
        world.type(CAROL, OPS, LargeConfig.alias(7) + " /index.html");

        Ephemeral question = Await.until(
                "the question about what it may cost",
                BOUND,
                () -> world.slack.ephemerals(CAROL).stream()
                        .filter(e -> e.blocksJson() != null && e.blocksJson().contains(ConfirmationCard.CONFIRM))
                        .findFirst()
                        .orElse(null),
                found -> found != null);

        assertThat(question.blocksJson()).contains("count not known yet").contains("may be charged");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();

        world.slack
                .clickButton(CAROL, question.channel(), question.ts(), ConfirmationCard.CONFIRM)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        assertThat(world.awaitInvalidation(LargeConfig.id(7)).paths()).containsExactly("/index.html");
    }
}
