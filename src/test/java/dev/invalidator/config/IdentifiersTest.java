package dev.invalidator.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @Nested
    class ChannelsAConfigMayName {

        @ParameterizedTest
        @ValueSource(strings = {"C0OPS", "G0VAULT", "C024BE91L"})
        void public_and_private_channels_are_channel_ids(String id) {
            assertThat(Identifiers.isChannelId(id)).isTrue();
        }

        @Test
        void a_direct_message_is_no_channel_a_config_may_name() {
            assertThat(Identifiers.isChannelId("D0DIRECT")).isFalse();
        }
    }

    @Nested
    class ConversationsSlackSends {

        @ParameterizedTest
        @ValueSource(strings = {"C0OPS", "G0VAULT", "D0DIRECT"})
        void channels_and_direct_messages_are_conversations(String id) {
            assertThat(Identifiers.isConversationId(id)).isTrue();
        }

        @Test
        void every_channel_a_config_may_name_is_a_conversation() {
            assertThat(Identifiers.isConversationId("C0OPS")).isEqualTo(Identifiers.isChannelId("C0OPS"));
            assertThat(Identifiers.isConversationId("G0VAULT")).isEqualTo(Identifiers.isChannelId("G0VAULT"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"U0ALICE", "S0OPS", "c0ops", "#ops", "C0", "C0OPS\n"})
        void people_groups_names_and_garbage_are_no_conversations(String id) {
            assertThat(Identifiers.isConversationId(id)).isFalse();
        }

        @Test
        void an_id_longer_than_32_characters_is_no_conversation() {
            assertThat(Identifiers.isConversationId("C" + "0".repeat(31))).isTrue();
            assertThat(Identifiers.isConversationId("C" + "0".repeat(32))).isFalse();
        }
    }

    @Nested
    class People {

        @ParameterizedTest
        @ValueSource(strings = {"U0ALICE", "W0GRIDUSER"})
        void users_and_grid_users_are_user_ids(String id) {
            assertThat(Identifiers.isUserId(id)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"S0OPS", "C0OPS", "alice", "U0"})
        void groups_channels_and_names_are_no_user_ids(String id) {
            assertThat(Identifiers.isUserId(id)).isFalse();
        }
    }

    @Nested
    class Distributions {

        @Test
        void a_console_id_is_a_distribution_id() {
            assertThat(Identifiers.isDistributionId("E1WEBEXAMPLE")).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"e1webexample", "web", "E1WEB", "d111111abcdef8.cloudfront.net"})
        void aliases_domains_and_short_ids_are_no_distribution_ids(String id) {
            assertThat(Identifiers.isDistributionId(id)).isFalse();
        }
    }
}
