package dev.invalidator.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated workspace: team, users, channels and user groups. Thread-safe (one monitor).
 */
final class SlackWorld {

    static final String TEAM_ID = "T0SIM";
    static final String TEAM_DOMAIN = "sim";
    static final String TEAM_NAME = "Simulated Workspace";
    static final String APP_ID = "A0SIM";
    static final String BOT_USER_ID = "U0BOT";
    static final String BOT_ID = "B0BOT";
    static final String BOT_NAME = "invalidator";

    /** A person's place in the workspace: guests are what Slack calls restricted users. */
    enum Guest {
        NONE,
        /** {@code is_restricted}: a multi-channel guest. */
        MULTI_CHANNEL,
        /** {@code is_restricted} and {@code is_ultra_restricted}: a single-channel guest. */
        SINGLE_CHANNEL
    }

    record User(String id, String name, String teamId, boolean isBot, Guest guest) {
        boolean isForeign() {
            return !TEAM_ID.equals(teamId);
        }
    }

    record Channel(
            String id,
            String name,
            boolean botIsMember,
            boolean isPrivate,
            boolean extShared,
            boolean pendingExtShared) {}

    record UserGroup(String id, String handle, List<String> members) {}

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, UserGroup> groups = new LinkedHashMap<>();

    SlackWorld() {
        users.put(BOT_USER_ID, new User(BOT_USER_ID, BOT_NAME, TEAM_ID, true, Guest.NONE));
    }

    synchronized void addUser(String id, String name, String teamId, Guest guest) {
        requireText(id, "id");
        requireText(name, "name");
        requireText(teamId, "teamId");
        users.put(id, new User(id, name, teamId, false, guest));
    }

    synchronized void addChannel(String id, String name, boolean botIsMember, boolean isPrivate) {
        requireText(id, "id");
        requireText(name, "name");
        channels.put(id, new Channel(id, name, botIsMember, isPrivate, false, false));
    }

    synchronized void shareExternally(String channelId, boolean pending) {
        Channel c = channels.get(channelId);
        if (c == null) {
            throw new IllegalArgumentException("unknown channel " + channelId);
        }
        channels.put(channelId, new Channel(c.id(), c.name(), c.botIsMember(), c.isPrivate(), !pending, pending));
    }

    synchronized void addUserGroup(String id, String handle, String... members) {
        requireText(id, "id");
        requireText(handle, "handle");
        groups.put(id, new UserGroup(id, handle, List.of(members)));
    }

    synchronized Optional<User> user(String id) {
        return Optional.ofNullable(id == null ? null : users.get(id));
    }

    synchronized Optional<Channel> channel(String id) {
        return Optional.ofNullable(id == null ? null : channels.get(id));
    }

    /** Every channel, in the order they were added. */
    synchronized List<Channel> channels() {
        return new ArrayList<>(channels.values());
    }

    synchronized Optional<UserGroup> userGroup(String id) {
        return Optional.ofNullable(id == null ? null : groups.get(id));
    }

    synchronized List<UserGroup> userGroups() {
        return new ArrayList<>(groups.values());
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
