package dev.invalidator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A message without its layout: what is sent when Slack refuses the blocks. */
class MessageTest {

    @Test
    void keeps_the_words_of_every_block_one_under_the_other_and_escapes_the_code() {
        Message message = Message.of(
                "3 paths sent to CloudFront",
                new Block.Header("Paths & more"),
                new Block.Section("3 paths sent to CloudFront:"),
                new Block.Code(List.of("/a?x=1&y=2", "/<!channel>")),
                new Block.Context("… and 2 more not shown here"));

        Message text = message.withoutLayout();

        assertThat(text.blocks()).isEmpty();
        assertThat(text.text())
                .isEqualTo("*Paths &amp; more*\n3 paths sent to CloudFront:\n```/a?x=1&amp;y=2\n/&lt;!channel&gt;```\n"
                        + "… and 2 more not shown here");
    }

    @Test
    void a_message_of_buttons_alone_keeps_its_fallback_text() {
        Message message = Message.of(
                "Confirm: invalidate 3 paths on web",
                new Block.Actions(List.of(new Block.Button("confirm", "Confirm", "key", Block.Button.Style.DANGER))));

        assertThat(message.withoutLayout()).isEqualTo(new Message("Confirm: invalidate 3 paths on web", List.of()));
    }
}
