package dev.invalidator.demo;

import java.util.Map;

/**
 * What the simulated workspace calls its people, channels and user groups, for showing mentions as a person reads
 * them. An id nobody named is shown as itself.
 */
record Names(Map<String, String> users, Map<String, String> channels, Map<String, String> groups) {

    Names {
        users = Map.copyOf(users);
        channels = Map.copyOf(channels);
        groups = Map.copyOf(groups);
    }

    String user(String id) {
        return users.getOrDefault(id, id);
    }

    String channel(String id) {
        return channels.getOrDefault(id, id);
    }

    String group(String id) {
        return groups.getOrDefault(id, id);
    }
}
