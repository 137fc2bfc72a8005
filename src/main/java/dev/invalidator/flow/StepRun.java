package dev.invalidator.flow;

import dev.invalidator.request.CheckSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow reached the custom step "Invalidate CloudFront paths": its inputs, as the workflow's author mapped them.
 *
 * <pre>{@code
 * new StepRun(new StepExecution("Fx0123ABCDEF", true), "web", "/index.html\n/css/*", "U0ALICE", "C0OPS",
 *         Optional.of("release 42"), "/css/site.css");
 * }</pre>
 *
 * @param target  a distribution's or tenant's alias, id or domain name, as typed after {@code /invalidate}
 * @param paths   the paths, one per line (spaces separate them too, as in the command)
 * @param user    the person it runs for, whose access is checked: normally who ran the workflow
 * @param channel where the status message goes, and whose access rules apply
 * @param samples {@code check:} samples, one per line, without the prefix
 */
public record StepRun(
        StepExecution execution,
        String target,
        String paths,
        String user,
        String channel,
        Optional<String> note,
        String samples) {

    public StepRun {
        Objects.requireNonNull(execution, "execution");
        target = Objects.requireNonNullElse(target, "").trim();
        paths = Objects.requireNonNullElse(paths, "");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        note = Objects.requireNonNull(note, "note").map(String::strip).filter(text -> !text.isEmpty());
        samples = Objects.requireNonNullElse(samples, "");
    }

    /** The tokens the command would have after its target: the paths, then each sample as {@code check:<sample>}. */
    List<String> pathTokens() {
        List<String> tokens = new ArrayList<>(words(paths));
        words(samples)
                .forEach(sample ->
                        tokens.add(sample.startsWith(CheckSamples.PREFIX) ? sample : CheckSamples.PREFIX + sample));
        return tokens;
    }

    private static List<String> words(String text) {
        return text.lines()
                .flatMap(line -> List.of(line.strip().split("\\s+")).stream())
                .filter(word -> !word.isEmpty())
                .toList();
    }
}
