package dev.invalidator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessDecisionTest {

    @Test
    void an_allow_has_an_empty_reason() {
        assertThat(AccessDecision.allow()).isEqualTo(new AccessDecision(true, ""));
    }

    @Test
    void a_deny_keeps_its_reason() {
        assertThat(AccessDecision.deny("Ask <@U0ALICE>.").reason()).isEqualTo("Ask <@U0ALICE>.");
    }

    @Test
    void a_deny_without_a_reason_is_refused() {
        assertThatThrownBy(() -> AccessDecision.deny(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a denial needs a reason the user can act on");
    }
}
