package dev.invalidator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessListTest {

    @Nested
    class Contains {

        @Test
        void a_listed_id_is_let_in() {
            assertThat(AccessList.of("C0OPS", "C0WEB").contains("C0WEB")).isTrue();
        }

        @Test
        void an_id_not_listed_is_kept_out() {
            assertThat(AccessList.of("C0OPS").contains("C0RANDOM")).isFalse();
        }

        @Test
        void ids_are_case_sensitive_as_slack_prints_them() {
            assertThat(AccessList.of("C0OPS").contains("c0ops")).isFalse();
        }

        @Test
        void anyone_lets_every_id_in() {
            assertThat(AccessList.anyone().contains("C0RANDOM")).isTrue();
        }
    }

    @Nested
    class Ids {

        @Test
        void keep_the_order_they_were_given_in() {
            assertThat(AccessList.of("U0B", "U0A", "S0C").ids()).containsExactly("U0B", "U0A", "S0C");
        }

        @Test
        void cannot_be_changed_afterwards() {
            assertThatThrownBy(() -> AccessList.of("U0A").ids().add("U0B"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void do_not_depend_on_order_for_equality() {
            assertThat(AccessList.of("U0A", "U0B")).isEqualTo(AccessList.of("U0B", "U0A"));
        }

        @Test
        void group_ids_are_those_starting_with_s() {
            assertThat(AccessList.of("U0ALICE", "S0OPS", "W0BOB", "S0WEB").groupIds())
                    .containsExactly("S0OPS", "S0WEB");
        }

        @Test
        void anyone_has_no_ids() {
            assertThat(AccessList.anyone().ids()).isEmpty();
        }
    }

    @Nested
    class Construction {

        @Test
        void refuses_an_empty_list_because_it_would_let_nobody_in() {
            assertThatThrownBy(AccessList::of)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an access list needs at least one id; use AccessList.anyone() for \"*\"");
        }

        @Test
        void refuses_a_star_among_ids() {
            assertThatThrownBy(() -> AccessList.of("*"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("\"*\" is not an id; use AccessList.anyone()");
        }

        @Test
        void refuses_ids_alongside_anyone() {
            assertThatThrownBy(() -> new AccessList(true, Set.of("U0A")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a list open to anyone holds no ids, found [U0A]");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"u0alice", "<@U0ALICE>", "U0", "U0ALICE|x", " U0ALICE"})
        void refuses_what_is_not_shaped_like_a_slack_id_so_it_can_be_mentioned_safely(String id) {
            assertThatThrownBy(() -> AccessList.of(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a Slack id: " + id);
        }
    }
}
