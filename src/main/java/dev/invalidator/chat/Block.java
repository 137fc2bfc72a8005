package dev.invalidator.chat;

import java.util.List;

/** The few layout pieces the bot's messages are made of. */
public sealed interface Block {

    /** A title line in large plain text (≤ 150 characters). */
    record Header(String text) implements Block {}

    /** A paragraph of mrkdwn (≤ 3,000 characters). */
    record Section(String mrkdwn) implements Block {}

    /** Small grey print under a message: times, ids, hints. */
    record Context(String mrkdwn) implements Block {}

    /** Lines shown verbatim in a code block; adapters escape them. */
    record Code(List<String> lines) implements Block {

        public Code {
            lines = List.copyOf(lines);
        }
    }

    /** A row of buttons; a click comes back with the button's action id and value. */
    record Actions(List<Button> buttons) implements Block {

        public Actions {
            buttons = List.copyOf(buttons);
        }
    }

    /**
     * One button of an {@link Actions} row.
     *
     * @param value what the click needs to act (≤ 2,000 characters); never trusted without re-checking
     */
    record Button(String actionId, String label, String value, Style style) {

        public enum Style {
            DEFAULT,
            PRIMARY,
            DANGER
        }
    }
}
