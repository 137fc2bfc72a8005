package dev.invalidator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.invalidator.config.AccessList;
import dev.invalidator.config.Approval;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final AccessPolicy policy = new AccessPolicy(groups, userId -> Workspace.Standing.MEMBER);

    @Nested
    class Allowed {

        @Test
        void a_listed_user_in_a_listed_channel() {
            assertThat(policy.decide("U0ALICE", OPS, web(AccessList.of("U0ALICE"))))
                    .isEqualTo(AccessDecision.allow());
        }

        @Test
        void an_enterprise_user_by_their_w_id() {
            assertThat(policy.decide("W0BOB", OPS, web(AccessList.of("U0ALICE", "W0BOB")))
                            .allowed())
                    .isTrue();
        }

        @Test
        void anyone_when_users_is_a_star() {
            assertThat(policy.decide("U0ANYONE", OPS, web(AccessList.anyone())).allowed())
                    .isTrue();
        }

        @Test
        void a_member_of_a_listed_group() {
            groups.with("S0OPS", "U0CAROL");
            assertThat(policy.decide("U0CAROL", OPS, web(AccessList.of("U0ALICE", "S0OPS")))
                            .allowed())
                    .isTrue();
        }

        @Test
        void in_any_channel_when_channels_is_a_star() {
            DistributionConfig anywhere = distribution("web", AccessList.anyone(), AccessList.anyone());
            assertThat(policy.decide("U0ALICE", "D0DIRECT", anywhere).allowed()).isTrue();
        }

        @Test
        void by_a_listed_user_without_asking_for_groups() {
            policy.decide("U0ALICE", OPS, web(AccessList.of("U0ALICE", "S0OPS")));
            assertThat(groups.calls()).isZero();
        }

        @Test
        void by_one_group_when_another_cannot_be_read() {
            groups.failing("S0DOWN").with("S0UP", "U0CAROL");
            assertThat(policy.decide("U0CAROL", OPS, web(AccessList.of("S0DOWN", "S0UP")))
                            .allowed())
                    .isTrue();
        }

        @Test
        void with_an_empty_reason() {
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
        void is_denied_naming_the_channels_to_use_instead(AccessList channels, String reason) {
            assertThat(policy.decide("U0ALICE", RANDOM, distribution("web", channels, AccessList.anyone())))
                    .isEqualTo(AccessDecision.deny(reason));
        }

        @Test
        void is_checked_before_the_user() {
            assertThat(policy.decide("U0MALLORY", RANDOM, web(AccessList.of("U0ALICE")))
                            .reason())
                    .isEqualTo("`web` may be used in <#C0OPS> only.");
        }

        @Test
        void is_denied_without_asking_for_groups() {
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
        void is_denied_naming_whom_to_ask(AccessList users, String reason) {
            assertThat(policy.decide("U0MALLORY", OPS, web(users))).isEqualTo(AccessDecision.deny(reason));
        }

        @Test
        void is_denied_when_not_in_any_listed_group() {
            groups.with("S0OPS", "U0CAROL");
            assertThat(policy.decide("U0MALLORY", OPS, web(AccessList.of("S0OPS")))
                            .allowed())
                    .isFalse();
        }

        @Test
        void is_denied_when_the_user_id_is_a_groups_own_id() {
            groups.with("S0OPS", "U0CAROL");
            assertThat(policy.decide("S0OPS", OPS, web(AccessList.of("S0OPS"))).allowed())
                    .isFalse();
        }

        @Test
        void is_denied_for_ids_in_another_case() {
            assertThat(policy.decide("u0alice", OPS, web(AccessList.of("U0ALICE")))
                            .allowed())
                    .isFalse();
        }
    }

    @Nested
    class GroupLookupFails {

        @Test
        void is_denied_asking_to_try_again() {
            groups.failing("S0OPS");
            assertThat(policy.decide("U0CAROL", OPS, web(AccessList.of("U0ALICE", "S0OPS"))))
                    .isEqualTo(AccessDecision.deny(
                            "I couldn't check the user groups for `web` right now; try again in a minute."));
        }

        @Test
        void is_denied_when_the_lookup_answers_null() {
            AccessPolicy nullAnswers = new AccessPolicy(groupId -> null, userId -> Workspace.Standing.MEMBER);
            assertThat(nullAnswers
                            .decide("U0CAROL", OPS, web(AccessList.of("S0OPS")))
                            .reason())
                    .isEqualTo("I couldn't check the user groups for `web` right now; try again in a minute.");
        }
    }

    @Nested
    class Guests {

        private static final String GUEST = "U0GUEST";

        private final AccessPolicy withGuest = new AccessPolicy(
                groups, userId -> userId.equals(GUEST) ? Workspace.Standing.GUEST : Workspace.Standing.MEMBER);

        private DistributionConfig shop(AccessList approvers) {
            return new DistributionConfig(
                    "shop",
                    "E3SHOPEXAMPLE",
                    AccessList.of(OPS),
                    AccessList.anyone(),
                    Optional.empty(),
                    new Approval(approvers, Approval.Scope.ALL));
        }

        @Test
        void are_not_let_in_by_a_star_and_are_told_to_ask_for_their_own_id() {
            assertThat(withGuest.decide(GUEST, OPS, web(AccessList.anyone())))
                    .isEqualTo(AccessDecision.deny("Guests may use `web` only when its users name them by their own id"
                            + " — ask whoever runs the bot to add yours, `U0GUEST`."));
        }

        @Test
        void are_not_let_in_by_a_user_group() {
            groups.with("S0OPS", GUEST);
            assertThat(withGuest.decide(GUEST, OPS, web(AccessList.of("S0OPS"))).allowed())
                    .isFalse();
        }

        @Test
        void are_let_in_by_their_own_id() {
            assertThat(withGuest
                            .decide(GUEST, OPS, web(AccessList.of("U0ALICE", GUEST)))
                            .allowed())
                    .isTrue();
        }

        @Test
        void do_not_count_as_listed_for_the_home_tab_by_a_star() {
            assertThat(withGuest.isListed(GUEST, web(AccessList.anyone()))).isFalse();
        }

        @Test
        void do_not_approve_by_a_star_or_a_user_group() {
            groups.with("S0LEADS", GUEST);
            assertThat(withGuest.mayApprove(GUEST, "U0ALICE", shop(AccessList.anyone())))
                    .isEqualTo(AccessDecision.deny("Guests may approve requests on `shop` only when its approvers name"
                            + " them by their own id — ask whoever runs the bot to add yours, `U0GUEST`, or ask"
                            + " another approver."));
            assertThat(withGuest
                            .mayApprove(GUEST, "U0ALICE", shop(AccessList.of("S0LEADS")))
                            .allowed())
                    .isFalse();
        }

        @Test
        void approve_by_their_own_id() {
            assertThat(withGuest
                            .mayApprove(GUEST, "U0ALICE", shop(AccessList.of(GUEST)))
                            .allowed())
                    .isTrue();
        }

        @Test
        void leave_full_members_let_in_by_a_star() {
            assertThat(withGuest
                            .decide("U0ALICE", OPS, web(AccessList.anyone()))
                            .allowed())
                    .isTrue();
        }
    }

    @Nested
    class UsableBy {

        private final DistributionConfig web = distribution("web", AccessList.of(OPS), AccessList.anyone());
        private final DistributionConfig images = distribution("images", AccessList.of(OPS), AccessList.of("S0DESIGN"));
        private final DistributionConfig video = distribution("video", AccessList.of(OPS), AccessList.of("U0ALICE"));
        private final DistributionConfig docs = distribution("docs", AccessList.of("C0DOCS"), AccessList.anyone());

        @Test
        void keeps_only_what_the_user_may_use_here_in_the_order_given() {
            groups.with("S0DESIGN", "U0CAROL");
            assertThat(policy.usableBy("U0CAROL", OPS, List.of(video, images, docs, web)))
                    .containsExactly(images, web);
        }

        @Test
        void leaves_out_distributions_whose_groups_cannot_be_read() {
            groups.failing("S0DESIGN");
            assertThat(policy.usableBy("U0CAROL", OPS, List.of(images, web))).containsExactly(web);
        }

        @Test
        void is_empty_in_a_channel_no_distribution_is_used_in() {
            assertThat(policy.usableBy("U0ALICE", RANDOM, Set.of(web, images, video, docs)))
                    .isEmpty();
        }
    }

    /** The decision inside an answer that must not wait: from the cached answers only, or none. */
    @Nested
    class FromWhatIsKnown {

        private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T09:00:00Z"));
        private final CachedGroupMembers cachedGroups = new CachedGroupMembers(groups, Duration.ofMinutes(5), clock);
        private final Map<String, Workspace.Standing> knownStandings = new HashMap<>();
        private final AccessPolicy known = new AccessPolicy(cachedGroups, new Workspace() {
            @Override
            public Workspace.Standing standingOf(String userId) {
                throw new AssertionError("asked the workspace about " + userId);
            }

            @Override
            public Optional<Workspace.Standing> knownStanding(String userId) {
                return Optional.ofNullable(knownStandings.get(userId));
            }
        });

        @Test
        void denies_the_wrong_channel_with_nothing_at_hand() {
            assertThat(known.decideFromWhatIsKnown("U0CAROL", RANDOM, web(AccessList.of("S0OPS"))))
                    .contains(AccessDecision.deny("`web` may be used in <#C0OPS> only."));
        }

        @Test
        void is_empty_while_the_persons_workspace_is_not_at_hand() {
            assertThat(known.decideFromWhatIsKnown("U0CAROL", OPS, web(AccessList.anyone())))
                    .isEmpty();
        }

        @Test
        void denies_a_person_known_to_be_of_another_workspace() {
            knownStandings.put("U0EXT", Workspace.Standing.OUTSIDER);
            assertThat(known.decideFromWhatIsKnown("U0EXT", OPS, web(AccessList.anyone())))
                    .contains(AccessDecision.deny("This bot takes requests only from people of its own workspace."));
        }

        @Test
        void denies_a_guest_known_to_the_workspace_whom_star_does_not_name() {
            knownStandings.put("U0GUEST", Workspace.Standing.GUEST);

            assertThat(known.decideFromWhatIsKnown("U0GUEST", OPS, web(AccessList.anyone())))
                    .contains(AccessDecision.deny("Guests may use `web` only when its users name them by their own id"
                            + " — ask whoever runs the bot to add yours, `U0GUEST`."));
            assertThat(known.decideFromWhatIsKnown("U0GUEST", OPS, web(AccessList.of("U0GUEST"))))
                    .contains(AccessDecision.allow());
        }

        @Test
        void is_empty_while_a_listed_group_is_not_at_hand_and_asks_no_one() {
            knownStandings.put("U0CAROL", Workspace.Standing.MEMBER);
            groups.with("S0OPS", "U0CAROL");

            assertThat(known.decideFromWhatIsKnown("U0CAROL", OPS, web(AccessList.of("S0OPS"))))
                    .isEmpty();
            assertThat(groups.calls()).isZero();
        }

        @Test
        void decides_as_asking_would_once_the_groups_are_at_hand() {
            knownStandings.put("U0CAROL", Workspace.Standing.MEMBER);
            knownStandings.put("U0DAVE", Workspace.Standing.MEMBER);
            groups.with("S0OPS", "U0CAROL");
            cachedGroups.membersOf("S0OPS");

            assertThat(known.decideFromWhatIsKnown("U0CAROL", OPS, web(AccessList.of("S0OPS"))))
                    .contains(AccessDecision.allow());
            assertThat(known.decideFromWhatIsKnown("U0DAVE", OPS, web(AccessList.of("S0OPS"))))
                    .contains(AccessDecision.deny(
                            "You are not on the list for `web`; ask a member of <!subteam^S0OPS>."));
        }

        @Test
        void lets_in_by_one_group_at_hand_while_another_is_not() {
            knownStandings.put("U0CAROL", Workspace.Standing.MEMBER);
            groups.with("S0UP", "U0CAROL");
            cachedGroups.membersOf("S0UP");

            assertThat(known.decideFromWhatIsKnown("U0CAROL", OPS, web(AccessList.of("S0DOWN", "S0UP"))))
                    .contains(AccessDecision.allow());
        }

        @Test
        void is_empty_once_the_groups_answer_is_older_than_the_ttl() {
            knownStandings.put("U0CAROL", Workspace.Standing.MEMBER);
            groups.with("S0OPS", "U0CAROL");
            cachedGroups.membersOf("S0OPS");
            clock.advance(Duration.ofMinutes(5));

            assertThat(known.decideFromWhatIsKnown("U0CAROL", OPS, web(AccessList.of("S0OPS"))))
                    .isEmpty();
        }
    }
}
