package dev.invalidator.tracking;

import java.util.List;

/**
 * What a start-up recovery found among the bot's own invalidations.
 *
 * @param resumed               still in progress, followed again
 * @param completedWhileDown    completed while no tracker was following them; reported to the listener
 * @param unreachable           distributions that could not be read, each with the reason
 */
public record Recovery(int resumed, int completedWhileDown, List<String> unreachable) {

    public Recovery {
        unreachable = List.copyOf(unreachable);
    }
}
