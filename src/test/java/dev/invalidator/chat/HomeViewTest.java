package dev.invalidator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.config.AccessList;
import dev.invalidator.config.DistributionConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Home tab's text: what a person reads there to find an invalidation again. */
class HomeViewTest {

    private static final DistributionConfig WEB = new DistributionConfig(
            "web", "E1WEBEXAMPLE", AccessList.of("C0OPS"), AccessList.anyone(), Optional.empty());

    private static Invalidation invalidation(String id, InvalidationStatus status) {
        return new Invalidation(
                WEB.id(),
                id,
                status,
                Instant.parse("2026-03-02T10:15:30Z"),
                List.of("/index.html"),
                "invalidator/1/C0OPS/1700000000.000100/U0ALICE");
    }

    private static String sectionStarting(Message message, String heading) {
        return message.blocks().stream()
                .filter(Block.Section.class::isInstance)
                .map(block -> ((Block.Section) block).mrkdwn())
                .filter(text -> text.startsWith(heading))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void names_each_invalidation_in_flight_and_recently_completed_by_its_id() {
        HomeView view = new HomeView(
                List.of(WEB),
                Map.of(),
                List.of(invalidation("I2INFLIGHTEXAMPLE", InvalidationStatus.IN_PROGRESS)),
                List.of(invalidation("I3COMPLETEDEXAMPLE", InvalidationStatus.COMPLETED)),
                Map.of(),
                Optional.empty());

        Message home = view.message();

        assertThat(sectionStarting(home, "*In progress*")).contains("`I2INFLIGHTEXAMPLE`");
        assertThat(sectionStarting(home, "*Recently completed*")).contains("`I3COMPLETEDEXAMPLE`");
    }

    @Test
    void names_each_distributions_cache_tag_header_or_says_it_has_no_cache_tags() {
        DistributionConfig docs = new DistributionConfig(
                "docs", "E3DOCSEXAMPLE", AccessList.of("C0OPS"), AccessList.anyone(), Optional.empty());
        DistributionConfig shop = new DistributionConfig(
                "shop", "E4SHOPEXAMPLE", AccessList.of("C0OPS"), AccessList.anyone(), Optional.empty());
        HomeView view = new HomeView(
                List.of(WEB, docs, shop),
                Map.of(),
                List.of(),
                List.of(),
                Map.of(),
                Optional.empty(),
                List.of(),
                Map.of(WEB.id(), Optional.of("Edge-Cache-Tag"), docs.id(), Optional.empty()));

        String listed = sectionStarting(view.message(), "*Distributions you can use*");

        assertThat(listed)
                .contains("`web` E1WEBEXAMPLE · cache tags in `Edge-Cache-Tag`")
                .contains("`docs` E3DOCSEXAMPLE · no cache tags")
                .as("not read yet, so not known either way")
                .contains("`shop` E4SHOPEXAMPLE · in");
    }
}
