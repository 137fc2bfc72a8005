package dev.invalidator.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The person's terminal: the one writer of everything shown, so that what the bot does on Slack's threads and the
 * prompts of the chat never mix inside a line, and the one reader of what the person types.
 *
 * <p>Interactive, the prompt is shown before the person types, and shown again under anything that arrives while they
 * do. Piped, each line read is written after its prompt instead, so the output reads as the whole conversation.
 */
final class Terminal {

    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;
    /** The prompt waiting for the person's line, interactive only; null when none is open. */
    private String openPrompt;

    Terminal(BufferedReader in, PrintStream out, boolean interactive) {
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    synchronized void show(List<String> lines) {
        if (openPrompt != null) {
            out.println();
        }
        lines.forEach(out::println);
        if (openPrompt != null) {
            out.print(openPrompt);
        }
        out.flush();
    }

    void show(String... lines) {
        show(List.of(lines));
    }

    /** The next line the person types after {@code prompt}; null at the end of input. */
    String ask(String prompt) {
        if (interactive) {
            synchronized (this) {
                openPrompt = prompt;
                out.print(prompt);
                out.flush();
            }
        }
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            openPrompt = null;
            if (!interactive && line != null) {
                out.println(prompt + line);
            }
            if (interactive && line == null) {
                out.println();
            }
            out.flush();
        }
        return line;
    }
}
