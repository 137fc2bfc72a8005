package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.InvalidArgumentException;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchInvalidationException;

class CloudFrontSimulatorInvalidationTest extends SimulatorFixture {

    @Test
    void createAnswersInProgressWithLocationAndTheBatch() {
        CreateInvalidationResponse response = create(DIST, "ref-1", "/index.html", "/img/*");

        Invalidation inv = response.invalidation();
        assertThat(inv.id()).matches("I[A-Z0-9]{13}");
        assertThat(inv.status()).isEqualTo("InProgress");
        assertThat(inv.invalidationBatch().callerReference()).isEqualTo("ref-1");
        assertThat(inv.invalidationBatch().paths().items()).containsExactly("/index.html", "/img/*");
        assertThat(inv.invalidationBatch().paths().quantity()).isEqualTo(2);
        assertThat(response.location())
                .isEqualTo(sim.endpoint() + "/2020-05-31/distribution/" + DIST + "/invalidation/" + inv.id());
        assertThat(sim.invalidations(DIST)).singleElement().satisfies(stored -> {
            assertThat(stored.id()).isEqualTo(inv.id());
            assertThat(stored.createTime()).isEqualTo(inv.createTime());
            assertThat(stored.paths()).containsExactly("/index.html", "/img/*");
        });
    }

    @Test
    void invalidationCompletesAfterTheDelay() {
        sim.completionDelay(Duration.ofMillis(300));
        Invalidation created = create(DIST, "ref-1", "/a").invalidation();

        Invalidation done = Await.until(
                "invalidation to complete",
                Duration.ofSeconds(5),
                () -> get(DIST, created.id()),
                inv -> inv.status().equals("Completed"));

        assertThat(created.status()).isEqualTo("InProgress");
        assertThat(done.createTime()).isEqualTo(created.createTime());
        assertThat(sim.invalidations(DIST).get(0).completeTime())
                .isEqualTo(created.createTime().plusMillis(300));
        assertThat(sim.invalidations(DIST).get(0).completedAt(Instant.now())).isTrue();
    }

    @Test
    void defaultDelayIsTwoSeconds() {
        create(DIST, "ref-1", "/a");

        SimulatedInvalidation stored = sim.invalidations(DIST).get(0);
        assertThat(Duration.between(stored.createTime(), stored.completeTime())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void delayCanDependOnThePaths() {
        sim.completionDelay(paths -> Duration.ofSeconds(paths.size()));
        create(DIST, "ref-1", "/a");
        create(DIST, "ref-3", "/a", "/b", "/c");

        assertThat(sim.invalidations(DIST))
                .extracting(i -> Duration.between(i.createTime(), i.completeTime()))
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    @Test
    void heldInvalidationsStayInProgressUntilCompleted() {
        sim.holdCompletions(true);
        sim.completionDelay(Duration.ZERO);
        String held = create(DIST, "ref-1", "/a").invalidation().id();
        sim.holdCompletions(false);
        String free = create(DIST, "ref-2", "/b").invalidation().id();

        assertThat(get(DIST, held).status()).isEqualTo("InProgress");
        assertThat(get(DIST, free).status()).isEqualTo("Completed");
        assertThat(sim.invalidations(DIST).get(1).completeTime()).isNull();

        sim.complete(held);

        assertThat(get(DIST, held).status()).isEqualTo("Completed");
    }

    @Test
    void completingAnUnknownInvalidationFails() {
        assertThatThrownBy(() -> sim.complete("INOSUCH")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getInvalidationReturnsTheWholeBatch() {
        sim.holdCompletions(true);
        String id = create(DIST, "ref-1", "/a", "/b").invalidation().id();

        Invalidation inv = get(DIST, id);

        assertThat(inv.id()).isEqualTo(id);
        assertThat(inv.status()).isEqualTo("InProgress");
        assertThat(inv.invalidationBatch().callerReference()).isEqualTo("ref-1");
        assertThat(inv.invalidationBatch().paths().items()).containsExactly("/a", "/b");
    }

    @Test
    void unknownInvalidationIsNoSuchInvalidation() {
        assertThatThrownBy(() -> get(DIST, "INOSUCH")).isInstanceOfSatisfying(NoSuchInvalidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchInvalidation");
        });
    }

    @Test
    void invalidationOfAnotherDistributionIsNoSuchInvalidation() {
        String id = create(OTHER_DIST, "ref-1", "/a").invalidation().id();

        assertThatThrownBy(() -> get(DIST, id)).isInstanceOf(NoSuchInvalidationException.class);
    }

    @Test
    void createOnUnknownDistributionIsNoSuchDistribution() {
        assertThatThrownBy(() -> create("ENOSUCH", "ref-1", "/a"))
                .isInstanceOfSatisfying(
                        NoSuchDistributionException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> cf.listInvalidations(r -> r.distributionId("ENOSUCH")))
                .isInstanceOf(NoSuchDistributionException.class);
        assertThatThrownBy(() -> get("ENOSUCH", "I0000000000000")).isInstanceOf(NoSuchDistributionException.class);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "index.html",
                "https://example.com/a",
                "",
                "/a b.html",
                "/a\tb",
                "/a\nb",
                "/a\u007F",
                "/a\u00A0b",
                "/img/*.jpg",
                "/**",
                "*",
                "# spaced tag",
                "#",
                "#a*"
            })
    void invalidPathsAreInvalidArgument(String path) {
        assertThatThrownBy(() -> create(DIST, "ref-1", "/ok", path))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Your request contains one or more invalid invalidation paths.");
                });
        assertThat(sim.invalidations(DIST)).isEmpty();
    }

    @Test
    void pathLongerThan4000CharactersIsInvalidArgument() {
        String tooLong = "/" + "a".repeat(4000);

        assertThatThrownBy(() -> create(DIST, "ref-1", tooLong)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void edgeCasesOfValidPathsAreAccepted() {
        String longest = "/" + "a".repeat(3999);

        Invalidation inv = create(
                        DIST,
                        "ref-1",
                        "/*",
                        "/dir*",
                        "/img/name.*",
                        "/a%20b",
                        "/caf%C3%A9",
                        "/q?x=1",
                        longest,
                        "#product-42")
                .invalidation();

        assertThat(inv.invalidationBatch().paths().items()).hasSize(8).contains(longest, "#product-42");
    }

    @Test
    void seededHistoryIsListedByCreateTimeAmongLiveInvalidations() {
        String live = create(DIST, "ref-live", "/now").invalidation().id();
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        SimulatedInvalidation old = sim.seedInvalidation(DIST, List.of("/old"), yesterday, true, "ref-old");
        SimulatedInvalidation running =
                sim.seedInvalidation(DIST, List.of("/run"), yesterday.plusSeconds(60), false, null);

        assertThat(sim.invalidations(DIST))
                .extracting(SimulatedInvalidation::id)
                .containsExactly(live, running.id(), old.id());
        assertThat(get(DIST, old.id()).status()).isEqualTo("Completed");
        assertThat(get(DIST, old.id()).createTime()).isEqualTo(old.createTime());
        assertThat(get(DIST, running.id()).status()).isEqualTo("InProgress");
        assertThat(running.callerReference()).isNotBlank();
    }

    @Test
    void seededReferenceTakesPartInDeduplication() {
        SimulatedInvalidation old =
                sim.seedInvalidation(DIST, List.of("/old"), Instant.now().minusSeconds(60), true, "ref-old");

        assertThat(create(DIST, "ref-old", "/old").invalidation().id()).isEqualTo(old.id());
    }

    @Test
    void seedingRejectsBadInput() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> sim.seedInvalidation("ENOSUCH", List.of("/a"), now, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.seedInvalidation(DIST, List.of("no-slash"), now, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        sim.seedInvalidation(DIST, List.of("/a"), now, true, "dup");
        assertThatThrownBy(() -> sim.seedInvalidation(DIST, List.of("/a"), now, true, "dup"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
