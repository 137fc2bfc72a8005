package dev.invalidator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.demo.BlockKitText.Button;
import dev.invalidator.demo.BlockKitText.Rendered;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A message's blocks as terminal lines, with its buttons kept for clicking. */
class BlockKitTextTest {

    private final BlockKitText blockKit = new BlockKitText(new Names(Map.of("U0ALICE", "alice"), Map.of(), Map.of()));

    @Test
    void shows_header_section_context_and_a_row_of_buttons() {
        Rendered rendered = blockKit.render("""
                [{"type":"header","text":{"type":"plain_text","text":"Invalidations"}},
                 {"type":"section","text":{"type":"mrkdwn","text":"*Invalidate 1 path?*\\nAsked by <@U0ALICE>"}},
                 {"type":"context","elements":[{"type":"mrkdwn","text":"Invalidation `I1`"}]},
                 {"type":"actions","elements":[
                   {"type":"button","action_id":"confirm","text":{"type":"plain_text","text":"Confirm"},"value":"p1"},
                   {"type":"button","action_id":"cancel","text":{"type":"plain_text","text":"Cancel"},"value":"p1"}]}]
                """, "fallback");

        assertThat(rendered.lines())
                .containsExactly(
                        "Invalidations",
                        "Invalidate 1 path?",
                        "Asked by @alice",
                        "Invalidation `I1`",
                        "[Confirm] [Cancel]");
        assertThat(rendered.buttons())
                .containsExactly(new Button("confirm", "Confirm"), new Button("cancel", "Cancel"));
    }

    @Test
    void shows_the_text_of_a_message_without_blocks() {
        assertThat(blockKit.render(null, "I'm too busy").lines()).containsExactly("I'm too busy");
    }

    @Nested
    class AButtonIsNamedBy {

        private final Button wildcard = new Button("confirm_wildcards", "Invalidate /img/* instead");

        @Test
        void its_label_in_any_case() {
            assertThat(wildcard.isNamed("invalidate /IMG/* instead")).isTrue();
        }

        @Test
        void the_first_word_of_its_label() {
            assertThat(wildcard.isNamed("Invalidate")).isTrue();
        }

        @Test
        void its_action_id() {
            assertThat(wildcard.isNamed("confirm_wildcards")).isTrue();
        }

        @Test
        void not_by_part_of_a_word() {
            assertThat(wildcard.isNamed("inval")).isFalse();
        }
    }
}
