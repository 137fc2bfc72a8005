package dev.invalidator.slack.blockkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.chat.Block;
import dev.invalidator.chat.HomeView;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.Replies;
import dev.invalidator.config.AccessList;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.sandbox.BlockKitRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Home tab and {@code help} with any number of targets (0 to 2,500), channels per target and invalidations in
 * flight: each passes what Slack checks ({@link BlockKitRules}), and each list shows some, then counts the rest
 * exactly and says how to find them. Seeded, so a failure can be replayed.
 */
class ManyTargetsPropertyTest {

    private static final long SEED = 0x19L;
    private static final int[] SIZES = {0, 1, 2, 9, 10, 11, 49, 50, 51, 99, 100, 101, 500, 2_500};
    private static final Gson GSON = GsonFactory.createSnakeCase();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MORE = Pattern.compile("and ([0-9,]+) more(?! channels)");

    private final Random random = new Random(SEED);

    @Test
    void the_home_tab_fits_slacks_limits_and_counts_what_it_leaves_out_whatever_the_sizes() {
        for (int targets : SIZES) {
            for (int inFlight : SIZES) {
                List<DistributionConfig> distributions = distributions(targets);
                List<Invalidation> inProgress = invalidations(distributions, inFlight);
                Message home = new HomeView(
                                distributions,
                                domains(distributions),
                                inProgress,
                                invalidations(distributions, random.nextInt(30)),
                                Map.of(),
                                Optional.empty())
                        .message();
                String at = targets + " targets, " + inFlight + " in flight";

                View view = View.builder()
                        .type("home")
                        .blocks(SlackMessages.blocks(home))
                        .build();
                assertThat(BlockKitRules.viewProblems(json(GSON.toJson(view))))
                        .as(at)
                        .isEmpty();
                String yours = section(home, "*Distributions you can use*");
                assertThat(shown(yours, "• `") + more(yours)).as(at).isEqualTo(targets);
                if (more(yours) > 0) {
                    assertThat(yours).as(at).contains("type part of a name, id or domain in the picker");
                }
                String flying = section(home, "*In progress*");
                assertThat(shown(flying, "• `") + more(flying)).as(at).isEqualTo(inProgress.size());
                assertThat(shown(flying, "• `")).as(at).isLessThanOrEqualTo(10);
                if (more(flying) > 0) {
                    assertThat(flying).as(at).contains("`/invalidate list <distribution>`");
                }
            }
        }
    }

    @Test
    void help_fits_slacks_limits_and_says_how_to_find_the_targets_it_does_not_name() {
        for (int targets : SIZES) {
            List<DistributionConfig> distributions = distributions(targets);
            Message help = Replies.help(
                    distributions, Optional.of(Map.of("111122223333", MonthCount.asOf(1_234, Duration.ofMinutes(3)))));
            String at = targets + " targets";

            JsonNode blocks = json(GSON.toJson(SlackMessages.blocks(help)));
            assertThat(BlockKitRules.blockProblems(blocks, BlockKitRules.Surface.MESSAGE))
                    .as(at)
                    .isEmpty();
            assertThat(BlockKitRules.textLength(blocks))
                    .as(at)
                    .isLessThanOrEqualTo(BlockKitRules.MAX_MESSAGE_BLOCKS_TEXT);
            String usable = section(help, targets == 0 ? "You can't use" : "You can use here");
            assertThat(shown(usable, "` (") + more(usable)).as(at).isEqualTo(targets);
            if (more(usable) > 0) {
                assertThat(usable).as(at).contains("`/invalidate` alone opens a form whose picker finds");
            }
        }
    }

    @Test
    void the_home_tab_lists_the_distributions_used_lately_first() {
        List<DistributionConfig> distributions = distributions(300);
        DistributionConfig lastInConfig = distributions.get(299);

        Message home = new HomeView(
                        distributions,
                        Map.of(),
                        invalidations(List.of(lastInConfig), 1),
                        List.of(),
                        Map.of(),
                        Optional.empty())
                .message();

        assertThat(section(home, "*Distributions you can use*"))
                .startsWith("*Distributions you can use*\n• `" + lastInConfig.alias() + "`");
    }

    private List<DistributionConfig> distributions(int count) {
        return IntStream.range(0, count)
                .mapToObj(n -> new DistributionConfig(
                        String.format(Locale.ROOT, "site-%04d-%s", n, "x".repeat(random.nextInt(20))),
                        String.format(Locale.ROOT, "ESITE%05d", n),
                        random.nextInt(4) == 0 ? AccessList.anyone() : AccessList.of(channels(random.nextInt(12))),
                        AccessList.anyone(),
                        Optional.empty()))
                .toList();
    }

    private static String[] channels(int count) {
        return IntStream.rangeClosed(0, count)
                .mapToObj(n -> String.format(Locale.ROOT, "C0CHANNEL%03d", n))
                .toArray(String[]::new);
    }

    private Map<String, String> domains(List<DistributionConfig> distributions) {
        Map<String, String> domains = new HashMap<>();
        distributions.forEach(d -> domains.put(d.id(), d.alias() + ".example.com".repeat(1 + random.nextInt(3))));
        return domains;
    }

    private List<Invalidation> invalidations(List<DistributionConfig> distributions, int count) {
        List<Invalidation> invalidations = new ArrayList<>();
        for (int n = 0; n < count && !distributions.isEmpty(); n++) {
            invalidations.add(new Invalidation(
                    distributions.get(random.nextInt(distributions.size())).id(),
                    String.format(Locale.ROOT, "I%013d", n),
                    InvalidationStatus.IN_PROGRESS,
                    Instant.parse("2026-12-05T10:00:00Z").plusSeconds(n),
                    List.of("/index.html"),
                    "invalidator/1/C0OPS/1700000000.000100/U0ALICE"));
        }
        return invalidations;
    }

    private static String section(Message message, String start) {
        return message.blocks().stream()
                .filter(Block.Section.class::isInstance)
                .map(block -> ((Block.Section) block).mrkdwn())
                .filter(text -> text.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no section starting " + start));
    }

    private static int shown(String section, String marker) {
        int count = 0;
        for (int at = section.indexOf(marker); at >= 0; at = section.indexOf(marker, at + marker.length())) {
            count++;
        }
        return count;
    }

    private static int more(String section) {
        Matcher matcher = MORE.matcher(section);
        return matcher.find() ? Integer.parseInt(matcher.group(1).replace(",", "")) : 0;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
