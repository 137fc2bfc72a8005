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
    void create_answers_in_progress_with_location_and_the_batch() {
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
    void invalidation_completes_after_the_delay() {
        // This test is about the delay: it asks as often as Await polls, more than the read limit allows.
        sim.limits(CloudFrontLimits.strict().withReadRate(1_000, 1_000));
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
    void default_delay_is_two_seconds() {
        create(DIST, "ref-1", "/a");

        SimulatedInvalidation stored = sim.invalidations(DIST).get(0);
        assertThat(Duration.between(stored.createTime(), stored.completeTime())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void delay_can_depend_on_the_paths() {
        sim.completionDelay(paths -> Duration.ofSeconds(paths.size()));
        create(DIST, "ref-1", "/a");
        create(DIST, "ref-3", "/a", "/b", "/c");

        assertThat(sim.invalidations(DIST))
                .extracting(i -> Duration.between(i.createTime(), i.completeTime()))
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    @Test
    void held_invalidations_stay_in_progress_until_completed() {
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
    void completing_an_unknown_invalidation_fails() {
        assertThatThrownBy(() -> sim.complete("INOSUCH")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void get_invalidation_returns_the_whole_batch() {
        sim.holdCompletions(true);
        String id = create(DIST, "ref-1", "/a", "/b").invalidation().id();

        Invalidation inv = get(DIST, id);

        assertThat(inv.id()).isEqualTo(id);
        assertThat(inv.status()).isEqualTo("InProgress");
        assertThat(inv.invalidationBatch().callerReference()).isEqualTo("ref-1");
        assertThat(inv.invalidationBatch().paths().items()).containsExactly("/a", "/b");
    }

    @Test
    void unknown_invalidation_is_no_such_invalidation() {
        assertThatThrownBy(() -> get(DIST, "INOSUCH")).isInstanceOfSatisfying(NoSuchInvalidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchInvalidation");
        });
    }

    @Test
    void invalidation_of_another_distribution_is_no_such_invalidation() {
        String id = create(OTHER_DIST, "ref-1", "/a").invalidation().id();

        assertThatThrownBy(() -> get(DIST, id)).isInstanceOf(NoSuchInvalidationException.class);
    }

    @Test
    void create_on_unknown_distribution_is_no_such_distribution() {
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
    void invalid_paths_are_invalid_argument(String path) {
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
    void path_longer_than_4000_characters_is_invalid_argument() {
        String tooLong = "/" + "a".repeat(4000);

        assertThatThrownBy(() -> create(DIST, "ref-1", tooLong)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void edge_cases_of_valid_paths_are_accepted() {
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
    void seeded_history_is_listed_by_create_time_among_live_invalidations() {
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
    void seeded_reference_takes_part_in_deduplication() {
        SimulatedInvalidation old =
                sim.seedInvalidation(DIST, List.of("/old"), Instant.now().minusSeconds(60), true, "ref-old");

        assertThat(create(DIST, "ref-old", "/old").invalidation().id()).isEqualTo(old.id());
    }

    @Test
    void seeding_rejects_bad_input() {
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
