package dev.invalidator.flow;

import dev.invalidator.config.DistributionConfig;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import java.util.List;
import java.util.Optional;

/**
 * A request that passed every check and may be sent to CloudFront: who asked, where the status message goes, which
 * distribution, the normalised paths, the requester's note, and the workflow step it runs for, if a workflow sent it.
 */
public record PreparedRequest(
        String requester,
        String channel,
        DistributionConfig distribution,
        ParsedPaths paths,
        Optional<String> note,
        Optional<StepExecution> step) {

    /** A request typed, clicked or submitted in a form: no workflow waits for it. */
    public PreparedRequest(
            String requester,
            String channel,
            DistributionConfig distribution,
            ParsedPaths paths,
            Optional<String> note) {
        this(requester, channel, distribution, paths, note, Optional.empty());
    }

    /** The same request, run for a workflow's step (or for none). */
    public PreparedRequest forStep(Optional<StepExecution> execution) {
        return new PreparedRequest(requester, channel, distribution, paths, note, execution);
    }

    public List<String> values() {
        return paths.accepted().stream().map(InvalidationPath::value).toList();
    }
}
