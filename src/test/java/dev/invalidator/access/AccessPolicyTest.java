package dev.invalidator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.invalidator.config.AccessList;
import dev.invalidator.config.DistributionConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyTest {

    private static final String OPS = "C0OPS";
    private static final String RANDOM = "C0RANDOM";

    private static DistributionConfig distribution(String alias, AccessList channels, AccessList users) {
        return new DistributionConfig(
                alias, "E1" + alias.toUpperCase(Locale.ROOT) + "EXAMPLE", channels, users, Optional.empty());
    }

    private static DistributionConfig web(AccessList users) {
        return distribution("web", AccessList.of(OPS), users);
    }

    private final FakeGroups groups = new FakeGroups();
    private final AccessPolicy policy = new AccessPolicy(groups, userId -> true);

    @Nested
    class Allowed {

        @Test
        void aListedUserInAListedChannel() {
            assertThat(policy.decide("U0ALICE", OPS, web(AccessList.of("U0ALICE"))))
                    .isEqualTo(AccessDecision.allow());
        }

        @Test
        void anEnterpriseUserByTheirWId() {
            assertThat(policy.decide("W0BOB", OPS, web(AccessList.of("U0ALICE", "W0BOB")))
                            .allowed())
                    .isTrue();
        }

        @Test
        void anyoneWhenUsersIsAStar() {
            assertThat(policy.decide("U0ANYONE", OPS, web(AccessList.anyone())).allowed())
                    .isTrue();
        }

        @Test
        void aMemberOfAListedGroup() {
            groups.with("S0OPS", "U0CAROL");
            assertThat(policy.decide("U0CAROL", OPS, web(AccessList.of("U0ALICE", "S0OPS")))
                            .allowed())
                    .isTrue();
        }

        @Test
        void inAnyChannelWhenChannelsIsAStar() {
            DistributionConfig anywhere = distribution("web", AccessList.anyone(), AccessList.anyone());
            assertThat(policy.decide("U0ALICE", "D0DIRECT", anywhere).allowed()).isTrue();
        }

        @Test
        void byAListedUserWithoutAskingForGroups() {
            policy.decide("U0ALICE", OPS, web(AccessList.of("U0ALICE", "S0OPS")));
            assertThat(groups.calls()).isZero();
        }

        @Test
        void byOneGroupWhenAnotherCannotBeRead() {
            groups.failing("S0DOWN").with("S0UP", "U0CAROL");
            assertThat(policy.decide("U0CAROL", OPS, web(AccessList.of("S0DOWN", "S0UP")))
                            .allowed())
                    .isTrue();
        }

        @Test
        void withAnEmptyReason() {
            assertThat(policy.decide("U0ALICE", OPS, web(AccessList.anyone())).reason())
                    .isEmpty();
        }
    }

    @Nested
    class WrongChannel {

        static Stream<Arguments> channelLists() {
            return Stream.of(
                    arguments(AccessList.of("C0OPS"), "`web` may be used in <#C0OPS> only."),
                    arguments(AccessList.of("C0OPS", "G0WEB"), "`web` may be used in <#C0OPS> or <#G0WEB> only."),
                    arguments(
                            AccessList.of("C01", "C02", "C03", "C04", "C05"),
                            "`web` may be used in <#C01>, <#C02>, <#C03>, <#C04> or <#C05> only."),
                    arguments(
                            AccessList.of("C01", "C02", "C03", "C04", "C05", "C06", "C07"),
                            "`web` may be used in <#C01>, <#C02>, <#C03>, <#C04>, <#C05> and 2 more channels only."));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("channelLists")
        void isDeniedNamingTheChannelsToUseInstead(AccessList channels, String reason) {
            assertThat(policy.decide("U0ALICE", RANDOM, distribution("web", channels, AccessList.anyone())))
                    .isEqualTo(AccessDecision.deny(reason));
        }

        @Test
        void isCheckedBeforeTheUser() {
            assertThat(policy.decide("U0MALLORY", RANDOM, web(AccessList.of("U0ALICE")))
                            .reason())
                    .isEqualTo("`web` may be used in <#C0OPS> only.");
        }

        @Test
        void isDeniedWithoutAskingForGroups() {
            policy.decide("U0CAROL", RANDOM, web(AccessList.of("S0OPS")));
            assertThat(groups.calls()).isZero();
        }
    }

    @Nested
    class UserNotListed {

        static Stream<Arguments> userLists() {
            return Stream.of(
                    arguments(
                            AccessList.of("U1X", "U2X", "S1X"),
                            "You are not on the list for `web`; ask one of <@U1X>, <@U2X> or a member of"
                                    + " <!subteam^S1X>."),
                    arguments(AccessList.of("U0ALICE"), "You are not on the list for `web`; ask <@U0ALICE>."),
                    arguments(
                            AccessList.of("S0OPS"),
                            "You are not on the list for `web`; ask a member of" + " <!subteam^S0OPS>."),
                    arguments(
                            AccessList.of("U01", "U02"),
                            "You are not on the list for `web`; ask one of <@U01> or" + " <@U02>."),
                    arguments(
                            AccessList.of("U01", "U02", "U03", "U04", "U05", "S06", "U07", "U08"),
                            "You are not on the list for `web`; ask one of <@U01>, <@U02>, <@U03>, <@U04>, <@U05> or"
                                    + " one of the 3 others on the list."));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("userLists")
        void isDeniedNamingWhomToAsk(AccessList users, String reason) {
            assertThat(policy.decide("U0MALLORY", OPS, web(users))).isEqualTo(AccessDecision.deny(reason));
        }

        @Test
        void isDeniedWhenNotInAnyListedGroup() {
            groups.with("S0OPS", "U0CAROL");
            assertThat(policy.decide("U0MALLORY", OPS, web(AccessList.of("S0OPS")))
                            .allowed())
                    .isFalse();
        }

        @Test
        void isDeniedWhenTheUserIdIsAGroupsOwnId() {
            groups.with("S0OPS", "U0CAROL");
            assertThat(policy.decide("S0OPS", OPS, web(AccessList.of("S0OPS"))).allowed())
                    .isFalse();
        }

        @Test
        void isDeniedForIdsInAnotherCase() {
            assertThat(policy.decide("u0alice", OPS, web(AccessList.of("U0ALICE")))
                            .allowed())
                    .isFalse();
        }
    }

    @Nested
    class GroupLookupFails {

        @Test
        void isDeniedAskingToTryAgain() {
            groups.failing("S0OPS");
            assertThat(policy.decide("U0CAROL", OPS, web(AccessList.of("U0ALICE", "S0OPS"))))
                    .isEqualTo(AccessDecision.deny(
                            "I couldn't check the user groups for `web` right now; try again in a minute."));
        }

        @Test
        void isDeniedWhenTheLookupAnswersNull() {
            AccessPolicy nullAnswers = new AccessPolicy(groupId -> null, userId -> true);
            assertThat(nullAnswers
                            .decide("U0CAROL", OPS, web(AccessList.of("S0OPS")))
                            .reason())
                    .isEqualTo("I couldn't check the user groups for `web` right now; try again in a minute.");
        }
    }

    @Nested
    class UsableBy {

        private final DistributionConfig web = distribution("web", AccessList.of(OPS), AccessList.anyone());
        private final DistributionConfig images = distribution("images", AccessList.of(OPS), AccessList.of("S0DESIGN"));
        private final DistributionConfig video = distribution("video", AccessList.of(OPS), AccessList.of("U0ALICE"));
        private final DistributionConfig docs = distribution("docs", AccessList.of("C0DOCS"), AccessList.anyone());

        @Test
        void keepsOnlyWhatTheUserMayUseHereInTheOrderGiven() {
            groups.with("S0DESIGN", "U0CAROL");
            assertThat(policy.usableBy("U0CAROL", OPS, List.of(video, images, docs, web)))
                    .containsExactly(images, web);
        }

        @Test
        void leavesOutDistributionsWhoseGroupsCannotBeRead() {
            groups.failing("S0DESIGN");
            assertThat(policy.usableBy("U0CAROL", OPS, List.of(images, web))).containsExactly(web);
        }

        @Test
        void isEmptyInAChannelNoDistributionIsUsedIn() {
            assertThat(policy.usableBy("U0ALICE", RANDOM, Set.of(web, images, video, docs)))
                    .isEmpty();
        }
    }
}
