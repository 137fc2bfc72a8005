package dev.invalidator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessDecisionTest {

    @Test
    void anAllowHasAnEmptyReason() {
        assertThat(AccessDecision.allow()).isEqualTo(new AccessDecision(true, ""));
    }

    @Test
    void aDenyKeepsItsReason() {
        assertThat(AccessDecision.deny("Ask <@U0ALICE>.").reason()).isEqualTo("Ask <@U0ALICE>.");
    }

    @Test
    void aDenyWithoutAReasonIsRefused() {
        assertThatThrownBy(() -> AccessDecision.deny(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a denial needs a reason the user can act on");
    }
}
