package dev.invalidator.flow;

import dev.invalidator.chat.ConfirmationCard;
import java.util.Map;

/** What a submitted request form gets back, within Slack's three seconds. */
public sealed interface FormAnswer {

    /** Close the form; {@code afterClose} does the slow part once Slack has its answer. */
    record Accepted(Runnable afterClose) implements FormAnswer {}

    /** Keep the form open with these messages under these fields. */
    record Invalid(Map<Preparation.Field, String> errors) implements FormAnswer {}

    /** Turn the form into the confirmation question. */
    record Confirm(ConfirmationCard card) implements FormAnswer {}
}
