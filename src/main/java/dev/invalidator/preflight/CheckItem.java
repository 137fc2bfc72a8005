package dev.invalidator.preflight;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the checklist: what was checked, what was found, and — unless it passed — what to do.
 *
 * <pre>{@code
 * CheckItem.passed("channel #ops (C0OPS)", "the bot is a member");
 * CheckItem.failed("channel C0NOPE", "not found", "check the id in the config");
 * }</pre>
 */
public record CheckItem(Mark mark, String subject, String finding, Optional<String> fix) {

    public CheckItem {
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(fix, "fix");
        if (mark == Mark.FAILED && fix.isEmpty()) {
            throw new IllegalArgumentException("a failed item says what to do: " + subject);
        }
    }

    public static CheckItem passed(String subject, String finding) {
        return new CheckItem(Mark.PASSED, subject, finding, Optional.empty());
    }

    public static CheckItem failed(String subject, String finding, String fix) {
        return new CheckItem(Mark.FAILED, subject, finding, Optional.of(fix));
    }

    public static CheckItem notVerified(String subject, String finding, String fix) {
        return new CheckItem(Mark.NOT_VERIFIED, subject, finding, Optional.of(fix));
    }
}
