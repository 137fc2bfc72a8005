package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackMethod.Failure;
import dev.invalidator.sandbox.SlackMethod.Request;
import dev.invalidator.sandbox.SlackMethod.Route;
import dev.invalidator.sandbox.SlackSimulator.Auth;
import dev.invalidator.sandbox.SlackWorld.Channel;
import dev.invalidator.sandbox.SlackWorld.User;
import dev.invalidator.sandbox.SlackWorld.UserGroup;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who and where: {@code auth.test}, {@code apps.connections.open}, users, channels (and those the bot is in) and user
 * groups.
 */
final class SlackDirectoryMethods {

    /** The conversation types {@code users.conversations} knows; the bot's channels are of the first two. */
    private static final Set<String> ALL_CHANNEL_TYPES = Set.of("public_channel", "private_channel", "mpim", "im");

    private final ObjectMapper json;
    private final SlackWorld world;
    private final Supplier<String> socketUrls;

    SlackDirectoryMethods(ObjectMapper json, SlackWorld world, Supplier<String> socketUrls) {
        this.json = json;
        this.world = world;
        this.socketUrls = socketUrls;
    }

    void register(Map<String, Route> routes) {
        Set<Auth> bot = Set.of(Auth.BOT);
        routes.put("apps.connections.open", new Route(Set.of(Auth.APP), r -> connectionsOpen()));
        routes.put("auth.test", new Route(bot, r -> authTest()));
        routes.put("conversations.info", new Route(bot, this::conversationInfo));
        routes.put("users.info", new Route(bot, this::userInfo));
        routes.put("users.conversations", new Route(bot, this::userConversations));
        routes.put("usergroups.list", new Route(bot, this::userGroups));
        routes.put("usergroups.users.list", new Route(bot, this::userGroupMembers));
    }

    private ObjectNode connectionsOpen() {
        return json.createObjectNode().put("url", socketUrls.get());
    }

    private ObjectNode authTest() {
        return json.createObjectNode()
                .put("url", "https://" + SlackWorld.TEAM_DOMAIN + ".slack.com/")
                .put("team", SlackWorld.TEAM_NAME)
                .put("user", SlackWorld.BOT_NAME)
                .put("team_id", SlackWorld.TEAM_ID)
                .put("user_id", SlackWorld.BOT_USER_ID)
                .put("bot_id", SlackWorld.BOT_ID)
                .put("is_enterprise_install", false);
    }

    private ObjectNode conversationInfo(Request r) {
        Channel c = world.channel(r.param("channel")).orElseThrow(() -> new Failure("channel_not_found"));
        if (c.isPrivate() && !c.botIsMember()) {
            throw new Failure("channel_not_found"); // a private channel is invisible to non-members
        }
        ObjectNode out = json.createObjectNode();
        ObjectNode channel = out.putObject("channel")
                .put("id", c.id())
                .put("name", c.name())
                .put("name_normalized", c.name())
                .put("is_channel", !c.isPrivate())
                .put("is_group", false)
                .put("is_im", false)
                .put("is_private", c.isPrivate())
                .put("is_archived", false)
                .put("is_member", c.botIsMember())
                .put("is_shared", c.extShared())
                .put("is_ext_shared", c.extShared())
                .put("is_org_shared", false)
                .put("is_pending_ext_shared", c.pendingExtShared())
                .put("context_team_id", SlackWorld.TEAM_ID)
                .put("created", 1_700_000_000L);
        channel.putArray("shared_team_ids").add(SlackWorld.TEAM_ID);
        return out;
    }

    /**
     * The conversations the bot is a member of, of the {@code types} asked (Slack's default: public channels only),
     * {@code limit} at a time (default 100, at most 1,000) with a {@code next_cursor} that is empty on the last page.
     */
    private ObjectNode userConversations(Request r) {
        Set<String> types = Set.of(
                Optional.ofNullable(r.param("types")).orElse("public_channel").split(","));
        if (!ALL_CHANNEL_TYPES.containsAll(types)) {
            throw new Failure("invalid_types");
        }
        List<Channel> members = world.channels().stream()
                .filter(Channel::botIsMember)
                .filter(c -> types.contains(c.isPrivate() ? "private_channel" : "public_channel"))
                .toList();
        int asked = r.intParam("limit", 100);
        int limit = asked <= 0 ? 100 : Math.min(asked, 1_000);
        int from = offset(r.param("cursor"));
        List<Channel> page = members.subList(Math.min(from, members.size()), Math.min(from + limit, members.size()));
        ObjectNode out = json.createObjectNode();
        ArrayNode channels = out.putArray("channels");
        page.forEach(c -> channels.addObject()
                .put("id", c.id())
                .put("name", c.name())
                .put("is_channel", !c.isPrivate())
                .put("is_group", false)
                .put("is_im", false)
                .put("is_private", c.isPrivate())
                .put("is_archived", false)
                .put("is_ext_shared", c.extShared())
                .put("context_team_id", SlackWorld.TEAM_ID));
        int next = from + page.size();
        out.putObject("response_metadata")
                .put(
                        "next_cursor",
                        next < members.size()
                                ? Base64.getEncoder()
                                        .encodeToString(("offset:" + next).getBytes(StandardCharsets.UTF_8))
                                : "");
        return out;
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                return Integer.parseInt(decoded.substring("offset:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below (NumberFormatException is one)
        }
        throw new Failure("invalid_cursor");
    }

    private ObjectNode userInfo(Request r) {
        User u = world.user(r.param("user")).orElseThrow(() -> new Failure("user_not_found"));
        ObjectNode out = json.createObjectNode();
        ObjectNode user = out.putObject("user")
                .put("id", u.id())
                .put("team_id", u.teamId())
                .put("name", u.name())
                .put("real_name", u.name())
                .put("deleted", false)
                .put("is_bot", u.isBot())
                .put("is_app_user", false)
                .put("is_restricted", u.guest() != SlackWorld.Guest.NONE)
                .put("is_ultra_restricted", u.guest() == SlackWorld.Guest.SINGLE_CHANNEL);
        user.putObject("profile")
                .put("real_name", u.name())
                .put("display_name", u.name())
                .put("team", u.teamId());
        return out;
    }

    private ObjectNode userGroups(Request r) {
        boolean withUsers = r.flag("include_users");
        ObjectNode out = json.createObjectNode();
        ArrayNode groups = out.putArray("usergroups");
        for (UserGroup g : world.userGroups()) {
            ObjectNode group = groups.addObject()
                    .put("id", g.id())
                    .put("team_id", SlackWorld.TEAM_ID)
                    .put("is_usergroup", true)
                    .put("handle", g.handle())
                    .put("name", g.handle())
                    .put("user_count", g.members().size());
            if (withUsers) {
                ArrayNode users = group.putArray("users");
                g.members().forEach(users::add);
            }
        }
        return out;
    }

    private ObjectNode userGroupMembers(Request r) {
        UserGroup g = world.userGroup(r.param("usergroup")).orElseThrow(() -> new Failure("no_such_subteam"));
        ObjectNode out = json.createObjectNode();
        ArrayNode users = out.putArray("users");
        g.members().forEach(users::add);
        return out;
    }
}
