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
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Workspace} from Slack: a person belongs when {@code users.info} names the bot's own team ({@code auth.test}),
 * or, on Enterprise Grid, the bot's own organisation, and is a guest when it says {@code is_restricted} (a
 * multi-channel guest) or {@code is_ultra_restricted} (a single-channel guest). Slash-command payloads carry no
 * {@code user_team}, so this lookup is the only reliable way to tell a Slack Connect guest. Answers are cached for
 * the time-to-live, failures are not; expired answers are dropped, at most once per time-to-live, so what is held is
 * the people asked about lately rather than everyone who ever typed the command.
 */
public final class SlackWorkspace implements Workspace {

    private final MethodsClient client;
    private final SlackCalls web;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> answers = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastSweep;
    private volatile Home home;

    private record Cached(Standing standing, Instant at) {}

    private record Home(String teamId, String enterpriseId) {}

    public SlackWorkspace(MethodsClient client, SlackChat web, Duration ttl, Clock clock) {
        this.client = client;
        this.web = web.calls();
        this.ttl = ttl;
        this.clock = clock;
        this.lastSweep = new AtomicReference<>(clock.instant());
    }

    @Override
    public Standing standingOf(String userId) {
        Optional<Standing> known = knownStanding(userId);
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
        Standing standing = !member
                ? Standing.OUTSIDER
                : user.isRestricted() || user.isUltraRestricted() ? Standing.GUEST : Standing.MEMBER;
        Instant now = clock.instant();
        answers.put(userId, new Cached(standing, now));
        forgetExpired(now);
        return standing;
    }

    private boolean fresh(Cached cached, Instant now) {
        return cached.at().plus(ttl).isAfter(now);
    }

    private void forgetExpired(Instant now) {
        Instant last = lastSweep.get();
        // One pass per time-to-live at most, by whichever thread gets there first.
        if (!last.plus(ttl).isAfter(now) && lastSweep.compareAndSet(last, now)) {
            answers.values().removeIf(cached -> !fresh(cached, now));
        }
    }

    /** How many people's answers are held now, expired or not. */
    int answersHeld() {
        return answers.size();
    }

    /** The cached answer while it is fresh. */
    @Override
    public Optional<Standing> knownStanding(String userId) {
        Cached cached = answers.get(userId);
        return cached != null && fresh(cached, clock.instant()) ? Optional.of(cached.standing()) : Optional.empty();
    }

    private Home home() {
        if (home == null) {
            var auth = web.call("auth.test", () -> client.authTest(r -> r));
            home = new Home(auth.getTeamId(), auth.getEnterpriseId());
        }
        return home;
    }
}
