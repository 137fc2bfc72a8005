package dev.invalidator.preflight;

import dev.invalidator.logging.Redaction;
import java.io.PrintStream;

/**
 * The checklist as it is printed: a section title, then one line per item as soon as it is known (some checks wait
 * on the network), and a last line that sums up. Every line passes through {@link Redaction}, so not even a library's
 * error message can print a token.
 *
 * <pre>{@code
 * Slack
 *   ✓ channel #ops (C0OPS): the bot is a member
 *   ✗ channel C0NOPE: not found
 *       → check the id in the config …
 * }</pre>
 */
public final class Checklist {

    private final PrintStream out;
    private int failed;
    private int notVerified;

    public Checklist(PrintStream out) {
        this.out = out;
    }

    public void section(String title) {
        print(title);
    }

    public void add(CheckItem item) {
        print("  " + item.mark().sign() + " " + item.subject() + ": " + item.finding());
        item.fix().ifPresent(fix -> print("      → " + fix));
        if (item.mark() == Mark.FAILED) {
            failed++;
        } else if (item.mark() == Mark.NOT_VERIFIED) {
            notVerified++;
        }
    }

    public boolean hasFailures() {
        return failed > 0;
    }

    /** The closing line: what failed, and what could not be verified. */
    public void summarize() {
        String unverified = notVerified == 0 ? "" : "; " + notVerified + " marked – could not be verified (see above)";
        print("");
        print(
                failed == 0
                        ? "Ready to go live" + unverified + "."
                        : failed + (failed == 1 ? " problem" : " problems") + unverified
                                + ". Fix the items marked ✗ and run check-config again.");
    }

    private void print(String line) {
        out.println(Redaction.redact(line));
    }
}
