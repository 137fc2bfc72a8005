package dev.invalidator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BotConfigTest {

    private static final DistributionConfig WEB = distribution("web", "E1WEBEXAMPLE");
    private static final DistributionConfig IMAGES = distribution("images", "E2IMAGESEXAMPLE");

    private static DistributionConfig distribution(String alias, String id) {
        return new DistributionConfig(alias, id, AccessList.of("C0OPS"), AccessList.anyone(), Optional.empty());
    }

    private static BotConfig configOf(DistributionConfig... distributions) {
        Map<String, DistributionConfig> byAlias = new LinkedHashMap<>();
        for (DistributionConfig distribution : distributions) {
            byAlias.put(distribution.alias(), distribution);
        }
        return new BotConfig(
                byAlias,
                PollingConfig.defaults(),
                LimitsConfig.defaults(),
                GroupsConfig.defaults(),
                ConfirmConfig.defaults());
    }

    @Nested
    class Lookups {

        @Test
        void findADistributionByAliasInAnyCase() {
            assertThat(configOf(WEB, IMAGES).byAlias("Images")).contains(IMAGES);
        }

        @Test
        void findNothingForAnUnknownAlias() {
            assertThat(configOf(WEB).byAlias("video")).isEmpty();
        }

        @Test
        void findADistributionByIdInAnyCase() {
            assertThat(configOf(WEB, IMAGES).byId("e2imagesexample")).contains(IMAGES);
        }

        @Test
        void findNothingForAnUnknownId() {
            assertThat(configOf(WEB).byId("E9OTHEREXAMPLE")).isEmpty();
        }
    }

    @Nested
    class Distributions {

        @Test
        void keepTheOrderTheyWereGivenIn() {
            assertThat(configOf(IMAGES, WEB).distributions().keySet()).containsExactly("images", "web");
        }

        @Test
        void cannotBeChangedAfterwards() {
            assertThatThrownBy(() -> configOf(WEB).distributions().put("images", IMAGES))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void areCopiedSoTheCallersMapCannotChangeThem() {
            Map<String, DistributionConfig> mutable = new LinkedHashMap<>(Map.of("web", WEB));
            BotConfig config = new BotConfig(
                    mutable,
                    PollingConfig.defaults(),
                    LimitsConfig.defaults(),
                    GroupsConfig.defaults(),
                    ConfirmConfig.defaults());
            mutable.put("images", IMAGES);
            assertThat(config.distributions()).containsOnlyKeys("web");
        }

        @Test
        void mustBeFiledUnderTheirOwnAlias() {
            assertThatThrownBy(() -> new BotConfig(
                            Map.of("www", WEB),
                            PollingConfig.defaults(),
                            LimitsConfig.defaults(),
                            GroupsConfig.defaults(),
                            ConfirmConfig.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("distribution web is filed under www");
        }

        @Test
        void mayNotShareACloudFrontId() {
            assertThatThrownBy(() -> configOf(WEB, distribution("www", "E1WEBEXAMPLE")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("E1WEBEXAMPLE is under both web and www");
        }

        @Test
        void mustNotBeEmpty() {
            assertThatThrownBy(BotConfigTest::configOf)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a config needs at least one distribution");
        }
    }

    @Nested
    class DistributionRecords {

        @Test
        void refuseAnUpperCaseAlias() {
            assertThatThrownBy(() -> distribution("Web", "E1WEBEXAMPLE"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("alias must match [a-z0-9][a-z0-9_-]{0,31} and not be help, status or list: Web");
        }

        @Test
        void refuseASubCommandAsAlias() {
            assertThatThrownBy(() -> distribution("status", "E1WEBEXAMPLE"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("alias must match [a-z0-9][a-z0-9_-]{0,31} and not be help, status or list: status");
        }

        @Test
        void refuseALowerCaseId() {
            assertThatThrownBy(() -> distribution("web", "e1webexample"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("id must match [A-Z][A-Z0-9]{7,31}: e1webexample");
        }

        @Test
        void refuseAUserIdAmongChannels() {
            assertThatThrownBy(() -> new DistributionConfig(
                            "web", "E1WEBEXAMPLE", AccessList.of("U0ALICE"), AccessList.anyone(), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a channel id (C… or G…): U0ALICE");
        }

        @Test
        void refuseAChannelIdAmongUsers() {
            assertThatThrownBy(() -> new DistributionConfig(
                            "web", "E1WEBEXAMPLE", AccessList.anyone(), AccessList.of("C0OPS"), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a user or user-group id (U…, W… or S…): C0OPS");
        }

        @Test
        void refuseAMalformedRoleArn() {
            assertThatThrownBy(() -> new DistributionConfig(
                            "web",
                            "E1WEBEXAMPLE",
                            AccessList.anyone(),
                            AccessList.anyone(),
                            Optional.of("arn:aws:iam::1:role/x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an IAM role ARN: arn:aws:iam::1:role/x");
        }
    }

    @Nested
    class Sections {

        @Test
        void pollingDefaultsAreOneSecondThreeSecondsAndADay() {
            assertThat(PollingConfig.defaults())
                    .isEqualTo(new PollingConfig(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofHours(24)));
        }

        @Test
        void limitsDefaultsAre2000PathsFivePerUserAndTwentyPerDistribution() {
            assertThat(LimitsConfig.defaults()).isEqualTo(new LimitsConfig(2000, 5, 20));
        }

        @Test
        void groupsDefaultIsAFiveMinuteCache() {
            assertThat(GroupsConfig.defaults()).isEqualTo(new GroupsConfig(Duration.ofMinutes(5)));
        }

        @Test
        void confirmDefaultAsksAboveAHundredPathsAndWaitsFifteenMinutes() {
            assertThat(ConfirmConfig.defaults())
                    .isEqualTo(new ConfirmConfig(100, Duration.ofMinutes(15), Duration.ofHours(1)));
        }

        @Test
        void pollingRefusesAFirstPollLaterThanTheCeiling() {
            assertThatThrownBy(
                            () -> new PollingConfig(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("initialInterval PT5S is longer than maxInterval PT4S");
        }

        @Test
        void pollingRefusesAZeroInterval() {
            assertThatThrownBy(() -> new PollingConfig(Duration.ZERO, Duration.ofSeconds(4), Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("initialInterval must be longer than zero: PT0S");
        }

        @Test
        void limitsRefuseMorePathsThanCloudFrontAllowsInProgress() {
            assertThatThrownBy(() -> new LimitsConfig(3001, 5, 20))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxPathsPerRequest must be at most 3000: 3001");
        }

        @Test
        void limitsRefuseZero() {
            assertThatThrownBy(() -> new LimitsConfig(2000, 0, 20))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("requestsPerUserPerMinute must be at least 1: 0");
        }

        @Test
        void groupsRefuseANegativeTtl() {
            assertThatThrownBy(() -> new GroupsConfig(Duration.ofMinutes(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cacheTtl must be longer than zero: PT-1M");
        }
    }
}
