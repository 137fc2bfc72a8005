package dev.invalidator.flow;

import dev.invalidator.chat.RequestForm;
import java.util.List;
import java.util.Optional;

/**
 * What the form's picker shows for what the person typed, decided from memory inside Slack's acknowledgement; and,
 * when some of the person's access answers were not at hand, the look-up that asks for them once the answer has
 * left, so that the next keystroke finds them.
 */
public record TargetChoices(List<RequestForm.Choice> choices, Optional<Runnable> lookUp) {

    public TargetChoices {
        choices = List.copyOf(choices);
    }
}
