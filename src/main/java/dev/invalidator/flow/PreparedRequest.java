package dev.invalidator.flow;

import dev.invalidator.config.DistributionConfig;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import java.util.List;
import java.util.Optional;

/**
 * A request that passed every check and may be sent to CloudFront: who asked, where the status message goes, which
 * distribution, the normalised paths, and the requester's note.
 */
public record PreparedRequest(
        String requester, String channel, DistributionConfig distribution, ParsedPaths paths, Optional<String> note) {

    public List<String> values() {
        return paths.accepted().stream().map(InvalidationPath::value).toList();
    }
}
