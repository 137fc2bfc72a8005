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
        void find_a_distribution_by_alias_in_any_case() {
            assertThat(configOf(WEB, IMAGES).byAlias("Images")).contains(IMAGES);
        }

        @Test
        void find_nothing_for_an_unknown_alias() {
            assertThat(configOf(WEB).byAlias("video")).isEmpty();
        }

        @Test
        void find_a_distribution_by_id_in_any_case() {
            assertThat(configOf(WEB, IMAGES).byId("e2imagesexample")).contains(IMAGES);
        }

        @Test
        void find_nothing_for_an_unknown_id() {
            assertThat(configOf(WEB).byId("E9OTHEREXAMPLE")).isEmpty();
        }
    }

    @Nested
    class Distributions {

        @Test
        void keep_the_order_they_were_given_in() {
            assertThat(configOf(IMAGES, WEB).distributions().keySet()).containsExactly("images", "web");
        }

        @Test
        void cannot_be_changed_afterwards() {
            assertThatThrownBy(() -> configOf(WEB).distributions().put("images", IMAGES))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void are_copied_so_the_callers_map_cannot_change_them() {
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
        void must_be_filed_under_their_own_alias() {
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
        void may_not_share_a_cloud_front_id() {
            assertThatThrownBy(() -> configOf(WEB, distribution("www", "E1WEBEXAMPLE")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("E1WEBEXAMPLE is under both web and www");
        }

        @Test
        void may_not_be_aliased_by_the_id_of_another() {
            assertThatThrownBy(() -> configOf(distribution("e2imagesexample", "E1WEBEXAMPLE"), IMAGES))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the alias e2imagesexample is the id of images");
        }

        @Test
        void must_not_be_empty() {
            assertThatThrownBy(BotConfigTest::configOf)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a config needs at least one distribution");
        }
    }

    @Nested
    class DistributionRecords {

        @Test
        void refuse_an_upper_case_alias() {
            assertThatThrownBy(() -> distribution("Web", "E1WEBEXAMPLE"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("alias must match [a-z0-9][a-z0-9_-]{0,31} and not be help, status, list or ls: Web");
        }

        @Test
        void refuse_a_sub_command_as_alias() {
            assertThatThrownBy(() -> distribution("status", "E1WEBEXAMPLE"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "alias must match [a-z0-9][a-z0-9_-]{0,31} and not be help, status, list or ls: status");
        }

        @Test
        void refuse_a_lower_case_id() {
            assertThatThrownBy(() -> distribution("web", "e1webexample"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("id must match [A-Z][A-Z0-9]{7,31}: e1webexample");
        }

        @Test
        void refuse_a_user_id_among_channels() {
            assertThatThrownBy(() -> new DistributionConfig(
                            "web", "E1WEBEXAMPLE", AccessList.of("U0ALICE"), AccessList.anyone(), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a channel id (C… or G…): U0ALICE");
        }

        @Test
        void refuse_a_channel_id_among_users() {
            assertThatThrownBy(() -> new DistributionConfig(
                            "web", "E1WEBEXAMPLE", AccessList.anyone(), AccessList.of("C0OPS"), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a user or user-group id (U…, W… or S…): C0OPS");
        }

        @Test
        void refuse_a_malformed_role_arn() {
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
        void polling_first_polls_after_three_seconds_then_every_second_and_a_half_and_recovers_a_day() {
            assertThat(PollingConfig.defaults())
                    .isEqualTo(new PollingConfig(Duration.ofSeconds(3), Duration.ofMillis(1500), Duration.ofHours(24)));
        }

        @Test
        void polling_sweeps_every_minute_and_settles_what_was_left_two_minutes_ago_by_default() {
            assertThat(PollingConfig.defaults())
                    .extracting(PollingConfig::abandonedAfter, PollingConfig::sweepInterval)
                    .containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(1));
        }

        @Test
        void limits_defaults_are_2000_paths_five_per_user_twenty_per_distribution_and_thirty_reads_per_user() {
            assertThat(LimitsConfig.defaults()).isEqualTo(new LimitsConfig(2000, 5, 20, 30));
        }

        @Test
        void groups_default_is_a_five_minute_cache() {
            assertThat(GroupsConfig.defaults()).isEqualTo(new GroupsConfig(Duration.ofMinutes(5)));
        }

        @Test
        void confirm_default_asks_above_a_hundred_paths_and_waits_fifteen_minutes() {
            assertThat(ConfirmConfig.defaults())
                    .isEqualTo(new ConfirmConfig(100, Duration.ofMinutes(15), Duration.ofHours(1)));
        }

        @Test
        void polling_takes_a_first_poll_later_than_the_interval_of_the_next_ones() {
            assertThat(new PollingConfig(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofHours(1))
                            .initialInterval())
                    .isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        void polling_refuses_a_zero_interval() {
            assertThatThrownBy(() -> new PollingConfig(Duration.ZERO, Duration.ofSeconds(4), Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("initialInterval must be longer than zero: PT0S");
        }

        @Test
        void limits_refuse_more_paths_than_a_request_split_into_batches_may_hold() {
            assertThatThrownBy(() -> new LimitsConfig(10_001, 5, 20, 30))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxPathsPerRequest must be at most 10000: 10001");
        }

        @Test
        void limits_refuse_zero() {
            assertThatThrownBy(() -> new LimitsConfig(2000, 0, 20, 30))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("requestsPerUserPerMinute must be at least 1: 0");
        }

        @Test
        void groups_refuse_a_negative_ttl() {
            assertThatThrownBy(() -> new GroupsConfig(Duration.ofMinutes(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cacheTtl must be longer than zero: PT-1M");
        }
    }
}
