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
        void aListedIdIsLetIn() {
            assertThat(AccessList.of("C0OPS", "C0WEB").contains("C0WEB")).isTrue();
        }

        @Test
        void anIdNotListedIsKeptOut() {
            assertThat(AccessList.of("C0OPS").contains("C0RANDOM")).isFalse();
        }

        @Test
        void idsAreCaseSensitiveAsSlackPrintsThem() {
            assertThat(AccessList.of("C0OPS").contains("c0ops")).isFalse();
        }

        @Test
        void anyoneLetsEveryIdIn() {
            assertThat(AccessList.anyone().contains("C0RANDOM")).isTrue();
        }
    }

    @Nested
    class Ids {

        @Test
        void keepTheOrderTheyWereGivenIn() {
            assertThat(AccessList.of("U0B", "U0A", "S0C").ids()).containsExactly("U0B", "U0A", "S0C");
        }

        @Test
        void cannotBeChangedAfterwards() {
            assertThatThrownBy(() -> AccessList.of("U0A").ids().add("U0B"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void doNotDependOnOrderForEquality() {
            assertThat(AccessList.of("U0A", "U0B")).isEqualTo(AccessList.of("U0B", "U0A"));
        }

        @Test
        void groupIdsAreThoseStartingWithS() {
            assertThat(AccessList.of("U0ALICE", "S0OPS", "W0BOB", "S0WEB").groupIds())
                    .containsExactly("S0OPS", "S0WEB");
        }

        @Test
        void anyoneHasNoIds() {
            assertThat(AccessList.anyone().ids()).isEmpty();
        }
    }

    @Nested
    class Construction {

        @Test
        void refusesAnEmptyListBecauseItWouldLetNobodyIn() {
            assertThatThrownBy(AccessList::of)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an access list needs at least one id; use AccessList.anyone() for \"*\"");
        }

        @Test
        void refusesAStarAmongIds() {
            assertThatThrownBy(() -> AccessList.of("*"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("\"*\" is not an id; use AccessList.anyone()");
        }

        @Test
        void refusesIdsAlongsideAnyone() {
            assertThatThrownBy(() -> new AccessList(true, Set.of("U0A")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a list open to anyone holds no ids, found [U0A]");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"u0alice", "<@U0ALICE>", "U0", "U0ALICE|x", " U0ALICE"})
        void refusesWhatIsNotShapedLikeASlackIdSoItCanBeMentionedSafely(String id) {
            assertThatThrownBy(() -> AccessList.of(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a Slack id: " + id);
        }
    }
}
