package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.access.AccessPolicy;
import dev.invalidator.access.Workspace;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.chat.Message;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.testing.CloudFrontFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /invalidate help} over the real AWS SDK against the CloudFront simulator: it shows the distributions and the
 * AWS accounts the person may use here, and nothing else. (The end-to-end tests can't reach a second account: that
 * needs STS, which the simulators don't speak.)
 */
class HelpTest {

    private static final String OPS = "C0OPS";
    private static final String SHOP_ACCOUNT = "111122223333";
    private static final String CONFIG = """
            distributions:
              web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"]}
              shop: {id: E3SHOPEXAMPLE, channels: [C0OPS], users: [U0BOB],
                     roleArn: "arn:aws:iam::111122223333:role/invalidator"}
            """;

    private final CloudFrontFixture cloudFront = new CloudFrontFixture();
    private final List<Message> answers = new ArrayList<>();
    private final MonthToDatePaths monthToDate;
    private final Queries queries;

    HelpTest() throws ConfigException {
        cloudFront.simulator.addDistribution("E3SHOPEXAMPLE", "d333333abcdef8.cloudfront.net");
        BotConfig config = ConfigLoader.parse(CONFIG, "test.yml", ConfigLoader.Format.YAML);
        Clock clock = Clock.systemUTC();
        AccessPolicy policy = new AccessPolicy(group -> Set.of(), user -> Workspace.Standing.MEMBER);
        DistributionCatalog catalog = new DistributionCatalog(config, cloudFront.cdn, Duration.ofMinutes(10), clock);
        monthToDate = new MonthToDatePaths(config, cloudFront.cdn, clock);
        queries = new Queries(
                new Gate(config, catalog, policy),
                cloudFront.cdn,
                monthToDate,
                new InvalidationDetails(cloudFront.cdn),
                (channel, distribution) -> List.of());
    }

    @AfterEach
    void close() {
        monthToDate.close();
        cloudFront.close();
    }

    private String helpFor(String user) {
        queries.help(new SlashCommand(user, OPS, "help", "trigger"), answers::add);
        return answers.get(answers.size() - 1).blocks().toString();
    }

    @Test
    void names_neither_the_account_nor_the_id_of_a_distribution_the_person_may_not_use() {
        assertThat(helpFor("U0ALICE"))
                .contains("`web` (E1WEBEXAMPLE)")
                .contains("0 of 1,000 free paths used this month")
                .doesNotContain("E3SHOPEXAMPLE")
                .doesNotContain(SHOP_ACCOUNT);
    }

    @Test
    void lists_the_distributions_invalidated_lately_first_as_the_home_tab_does() {
        cloudFront.cdn.create("E3SHOPEXAMPLE", CloudFrontFixture.reference(), List.of("/cart.html"));

        assertThat(helpFor("U0BOB")).containsSubsequence("`shop` (E3SHOPEXAMPLE)", "`web` (E1WEBEXAMPLE)");
    }

    @Test
    void names_each_account_of_the_distributions_the_person_may_use() {
        assertThat(helpFor("U0BOB")).contains("`shop` (E3SHOPEXAMPLE)").contains("(account " + SHOP_ACCOUNT + ")");
    }
}
