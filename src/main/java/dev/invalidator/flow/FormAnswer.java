package dev.invalidator.flow;

import dev.invalidator.chat.ConfirmationCard;
import java.util.Map;

/**
 * What a submitted request form gets back, inside the acknowledgement: decided from what is known, never waiting for
 * Slack or CloudFront.
 */
public sealed interface FormAnswer {

    /** Close the form; {@code afterClose} does the slow part once Slack has its answer. */
    record Accepted(Runnable afterClose) implements FormAnswer {}

    /** Keep the form open with these messages under these fields. */
    record Invalid(Map<Preparation.Field, String> errors) implements FormAnswer {}

    /** Turn the form into the confirmation question. */
    record Confirm(ConfirmationCard card) implements FormAnswer {}

    /**
     * Keep the form open with these messages: its checks need an answer that is not at hand. {@code lookUp} asks for
     * it once Slack has the form's answer, so that the next try finds it.
     */
    record Unchecked(Map<Preparation.Field, String> errors, Runnable lookUp) implements FormAnswer {}
}
