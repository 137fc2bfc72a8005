package dev.invalidator.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.User;
import dev.invalidator.access.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Workspace} from Slack: a person belongs when {@code users.info} names the bot's own team ({@code auth.test}),
 * or, on Enterprise Grid, the bot's own organisation. Slash-command payloads carry no {@code user_team}, so this
 * lookup is the only reliable way to tell a Slack Connect guest. Answers are cached; failures are not.
 */
public final class SlackWorkspace implements Workspace {

    private final MethodsClient client;
    private final SlackChat web;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> answers = new ConcurrentHashMap<>();
    private volatile Home home;

    private record Cached(boolean member, Instant at) {}

    private record Home(String teamId, String enterpriseId) {}

    public SlackWorkspace(MethodsClient client, SlackChat web, Duration ttl, Clock clock) {
        this.client = client;
        this.web = web;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public boolean isMember(String userId) {
        Optional<Boolean> known = knownMember(userId);
        if (known.isPresent()) {
            return known.get();
        }
        User user = web.call("users.info", () -> client.usersInfo(r -> r.user(userId)))
                .getUser();
        Home ours = home();
        boolean member = Objects.equals(user.getTeamId(), ours.teamId())
                || (ours.enterpriseId() != null
                        && user.getEnterpriseUser() != null
                        && ours.enterpriseId().equals(user.getEnterpriseUser().getEnterpriseId()));
        answers.put(userId, new Cached(member, clock.instant()));
        return member;
    }

    /** The cached answer while it is fresh. */
    @Override
    public Optional<Boolean> knownMember(String userId) {
        Cached cached = answers.get(userId);
        return cached != null && cached.at().plus(ttl).isAfter(clock.instant())
                ? Optional.of(cached.member())
                : Optional.empty();
    }

    private Home home() {
        if (home == null) {
            var auth = web.call("auth.test", () -> client.authTest(r -> r));
            home = new Home(auth.getTeamId(), auth.getEnterpriseId());
        }
        return home;
    }
}
