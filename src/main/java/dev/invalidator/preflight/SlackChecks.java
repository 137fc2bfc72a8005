package dev.invalidator.preflight;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.User;
import com.slack.api.model.Usergroup;
import dev.invalidator.slack.SlackTokens;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Slack half of check-config: both tokens, and every channel, user and user group the config names, each shown
 * by name. Calls {@code auth.test}, {@code apps.connections.open} (app token), {@code conversations.info},
 * {@code users.info} and {@code usergroups.list}; opens no WebSocket, so a running bot keeps all its events.
 */
final class SlackChecks {

    private final Slack slack;
    private final SlackTokens tokens;
    private final MethodsClient bot;

    SlackChecks(Slack slack, SlackTokens tokens) {
        this.slack = slack;
        this.tokens = tokens;
        this.bot = slack.methods(tokens.botToken());
    }

    /** The bot's user name when Slack accepts the bot token. */
    Optional<String> botToken(Checklist checklist) {
        String subject = "bot token (" + SlackTokens.BOT_TOKEN + ")";
        SlackAnswer<AuthTestResponse> answer = SlackAnswer.ask(() -> bot.authTest(r -> r));
        if (!answer.isOk()) {
            checklist.add(
                    switch (answer.error()) {
                        case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
                            CheckItem.failed(
                                    subject,
                                    "Slack refused it (" + answer.error() + ")",
                                    "reinstall the app (OAuth & Permissions) and set its Bot User OAuth Token");
                        default -> answer.unexpected(subject);
                    });
            return Optional.empty();
        }
        AuthTestResponse auth = answer.get();
        if (auth.getBotId() == null) {
            checklist.add(CheckItem.failed(
                    subject,
                    "Slack knows it, but it is not a bot token (it belongs to @" + auth.getUser() + ")",
                    "use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions"));
            return Optional.empty();
        }
        checklist.add(CheckItem.passed(
                subject,
                "bot @" + auth.getUser() + " (" + auth.getUserId() + ") in workspace " + auth.getTeam() + " ("
                        + auth.getTeamId() + ")"));
        return Optional.of(auth.getUser());
    }

    /** Asks for a Socket Mode URL, which proves the token, without connecting to it. */
    void appToken(Checklist checklist) {
        String subject = "app-level token (" + SlackTokens.APP_TOKEN + ")";
        var answer = SlackAnswer.ask(() -> slack.methods(tokens.appToken()).appsConnectionsOpen(r -> r));
        if (answer.isOk() && answer.get().getUrl() != null) {
            checklist.add(CheckItem.passed(
                    subject,
                    "may open Socket Mode connections (apps.connections.open gave a" + " URL; none was opened)"));
            return;
        }
        checklist.add(
                switch (answer.error()) {
                    case "invalid_auth", "not_authed", "token_revoked", "not_allowed_token_type", "missing_scope" ->
                        CheckItem.failed(
                                subject,
                                "Slack refused it (" + answer.error() + ")",
                                "create an app-level token"
                                        + " with the connections:write scope (Basic Information → App-Level Tokens)");
                    default -> answer.unexpected(subject);
                });
    }

    /** {@code conversations.info}: the channel exists, is not archived, and the bot is in it (it must be, to post). */
    void channels(Collection<String> ids, String botName, Checklist checklist) {
        for (String id : ids) {
            var answer = SlackAnswer.ask(() -> bot.conversationsInfo(r -> r.channel(id)));
            if (!answer.isOk()) {
                checklist.add(
                        answer.error().equals("channel_not_found")
                                ? CheckItem.failed(
                                        "channel " + id,
                                        "not found",
                                        "check the id in the config (in Slack: the"
                                                + " channel's name → About → Channel ID); a private channel is found only once the bot"
                                                + " is in it: /invite @" + botName + " there")
                                : answer.unexpected("channel " + id));
                continue;
            }
            Conversation channel = answer.get().getChannel();
            String subject = "channel #" + channel.getName() + " (" + id + ")";
            if (channel.isArchived()) {
                checklist.add(CheckItem.failed(subject, "archived", "unarchive it, or take it out of the config"));
            } else if (!channel.isMember()) {
                checklist.add(CheckItem.failed(
                        subject,
                        "the bot is not a member, so it can't post there",
                        "type /invite @" + botName + " in #" + channel.getName()));
            } else {
                checklist.add(CheckItem.passed(subject, "the bot is a member"));
            }
        }
    }

    /** {@code users.info}: each person exists and is active. */
    void users(Collection<String> ids, Checklist checklist) {
        for (String id : ids) {
            var answer = SlackAnswer.ask(() -> bot.usersInfo(r -> r.user(id)));
            if (!answer.isOk()) {
                checklist.add(
                        answer.error().equals("user_not_found")
                                ? CheckItem.failed(
                                        "user " + id,
                                        "not found",
                                        "check the id in the config (in Slack: the"
                                                + " person's profile → ⋮ → Copy member ID)")
                                : answer.unexpected("user " + id));
                continue;
            }
            User user = answer.get().getUser();
            String subject = "user @" + user.getName() + " (" + id + ")";
            checklist.add(
                    user.isDeleted()
                            ? CheckItem.failed(subject, "deactivated", "take them out of the config")
                            : CheckItem.passed(subject, "found"));
        }
    }

    /** One {@code usergroups.list} for all user groups: each exists and is enabled. */
    void userGroups(Collection<String> ids, Checklist checklist) {
        if (ids.isEmpty()) {
            return;
        }
        SlackAnswer<UsergroupsListResponse> answer =
                SlackAnswer.ask(() -> bot.usergroupsList(r -> r.includeDisabled(true)));
        if (!answer.isOk()) {
            ids.forEach(id -> checklist.add(answer.unexpected("user group " + id)));
            return;
        }
        Map<String, Usergroup> groups = answer.get().getUsergroups().stream()
                .collect(Collectors.toMap(Usergroup::getId, Function.identity(), (first, second) -> first));
        for (String id : ids) {
            Usergroup group = groups.get(id);
            if (group == null) {
                checklist.add(CheckItem.failed(
                        "user group " + id,
                        "not found",
                        "check the id in the config (user" + " group ids start with S)"));
                continue;
            }
            String subject = "user group @" + group.getHandle() + " (" + id + ")";
            boolean disabled = group.getDateDelete() != null && group.getDateDelete() > 0;
            checklist.add(
                    disabled
                            ? CheckItem.failed(
                                    subject, "disabled", "enable it again in Slack, or take it out of the config")
                            : CheckItem.passed(subject, "found"));
        }
    }
}
