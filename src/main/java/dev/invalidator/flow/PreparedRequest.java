package dev.invalidator.flow;

import dev.invalidator.chat.PostedMessage;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request that passed every check and may be sent to CloudFront: who asked, where the status message goes, which
 * distribution, the normalised paths, the requester's note, and the workflow step it runs for, if a workflow sent it.
 *
 * @param group the message of the group request it is a member of, in whose thread its status message goes; empty
 *     for a request of its own, whose status message goes in the channel
 */
public record PreparedRequest(
        String requester,
        String channel,
        DistributionConfig distribution,
        ParsedPaths paths,
        Optional<String> note,
        Optional<StepExecution> step,
        Optional<PostedMessage> group) {

    /** A request typed, clicked or submitted in a form: no workflow waits for it, and it is no group's member. */
    public PreparedRequest(
            String requester,
            String channel,
            DistributionConfig distribution,
            ParsedPaths paths,
            Optional<String> note) {
        this(requester, channel, distribution, paths, note, Optional.empty(), Optional.empty());
    }

    /** The same request, run for a workflow's step (or for none). */
    public PreparedRequest forStep(Optional<StepExecution> execution) {
        return new PreparedRequest(requester, channel, distribution, paths, note, execution, group);
    }

    /** The same request as a member of the group request whose message is {@code group}. */
    PreparedRequest inGroup(PostedMessage group) {
        return new PreparedRequest(requester, channel, distribution, paths, note, step, Optional.of(group));
    }

    /**
     * The same request as its status message {@code status} and its {@code facts} say it was sent, for whoever rebuilds
     * it from a ticket or from the paths its thread keeps, which say neither: for the workflow step the facts name (its
     * own, or its group's), and as a member of the group whose thread the message is a reply in.
     */
    PreparedRequest asPosted(PostedMessage status, Map<String, String> facts) {
        PreparedRequest sent = forStep(StatusFacts.sentFor(facts));
        return status.inThread() ? sent.inGroup(status.threadRoot()) : sent;
    }

    public List<String> values() {
        return paths.accepted().stream().map(InvalidationPath::value).toList();
    }
}
