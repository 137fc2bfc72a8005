package dev.invalidator.flow;

import dev.invalidator.chat.Message;

/**
 * The outcome of checking a request: ready to go, or refused with an answer for the person. A refusal also names the
 * form field it belongs to and a one-line version, so a modal can show it inline under that field.
 */
public sealed interface Preparation {

    /** The form fields a refusal can point at. */
    enum Field {
        CHANNEL,
        DISTRIBUTION,
        PATHS
    }

    record Ready(PreparedRequest request) implements Preparation {}

    record Refused(Message answer, Field field, String inline) implements Preparation {}
}
