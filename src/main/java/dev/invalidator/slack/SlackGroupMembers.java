package dev.invalidator.slack;

import dev.invalidator.access.GroupMembers;
import java.util.Set;

/** Members of a Slack user group, from {@code usergroups.users.list}; the policy caches and fails closed. */
public final class SlackGroupMembers implements GroupMembers {

    private final SlackCalls web;
    private final com.slack.api.methods.MethodsClient client;

    public SlackGroupMembers(com.slack.api.methods.MethodsClient client, SlackChat web) {
        this.client = client;
        this.web = web.calls();
    }

    @Override
    public Set<String> membersOf(String groupId) {
        return Set.copyOf(web.call("usergroups.users.list", () -> client.usergroupsUsersList(r -> r.usergroup(groupId)))
                .getUsers());
    }
}
