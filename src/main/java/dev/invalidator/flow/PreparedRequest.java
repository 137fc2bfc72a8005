package dev.invalidator.flow;

import dev.invalidator.chat.PostedMessage;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import java.util.List;
import java.util.Optional;

/**
 * A request that passed every check and may be sent to CloudFront: who asked, where the status message goes, which
 * distribution, the normalised paths, and the requester's note.
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
        Optional<PostedMessage> group) {

    public PreparedRequest(
            String requester,
            String channel,
            DistributionConfig distribution,
            ParsedPaths paths,
            Optional<String> note) {
        this(requester, channel, distribution, paths, note, Optional.empty());
    }

    /** The same request as a member of the group request whose message is {@code group}. */
    PreparedRequest inGroup(PostedMessage group) {
        return new PreparedRequest(requester, channel, distribution, paths, note, Optional.of(group));
    }

    public List<String> values() {
        return paths.accepted().stream().map(InvalidationPath::value).toList();
    }
}
