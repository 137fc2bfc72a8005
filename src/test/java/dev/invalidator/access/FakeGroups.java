package dev.invalidator.access;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Group members from a map, with groups that can be made to fail, counting every lookup. */
final class FakeGroups implements GroupMembers {

    private final Map<String, Set<String>> members = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final AtomicInteger calls = new AtomicInteger();

    FakeGroups with(String groupId, String... userIds) {
        members.put(groupId, Set.of(userIds));
        return this;
    }

    FakeGroups failing(String groupId) {
        failing.add(groupId);
        return this;
    }

    void recover(String groupId) {
        failing.remove(groupId);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public Set<String> membersOf(String groupId) {
        calls.incrementAndGet();
        if (failing.contains(groupId)) {
            throw new IllegalStateException("usergroups.users.list failed for " + groupId);
        }
        return members.getOrDefault(groupId, Set.of());
    }
}
