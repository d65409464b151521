package dev.fiveohtwo.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import dev.fiveohtwo.remediation.Approvers;
import dev.fiveohtwo.system.Printable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approvers from {@code fiveohtwo.remediation.approvers}: user ids count as they are; user group ids (S…) are
 * resolved with {@code usergroups.users.list} and cached for a minute. A group Slack cannot resolve counts as
 * empty: fail closed.
 */
final class SlackApprovers implements Approvers {
    private static final Logger LOG = LoggerFactory.getLogger(SlackApprovers.class);
    private static final Duration TTL = Duration.ofSeconds(60);
    private final MethodsClient client;
    private final Set<String> users;
    private final List<String> groups;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Set<String> members, long atNanos) {}

    SlackApprovers(MethodsClient client, List<String> approvers) {
        this.client = client;
        this.users = approvers.stream()
                .filter(a -> a.startsWith("U") || a.startsWith("W"))
                .collect(Collectors.toUnmodifiableSet());
        this.groups = approvers.stream().filter(a -> a.startsWith("S")).toList();
    }

    @Override
    public boolean contains(String userId) {
        if (userId == null) {
            return false;
        }
        return users.contains(userId)
                || groups.stream().anyMatch(g -> members(g).contains(userId));
    }

    private Set<String> members(String group) {
        Cached c = cache.get(group);
        if (c != null && System.nanoTime() - c.atNanos() < TTL.toNanos()) {
            return c.members();
        }
        Set<String> members = Set.of();
        try {
            UsergroupsUsersListResponse r = client.usergroupsUsersList(b -> b.usergroup(group));
            if (r.isOk()) {
                members = Set.copyOf(r.getUsers());
            } else {
                LOG.warn("usergroups.users.list {} failed: {}", group, Printable.line(String.valueOf(r.getError())));
            }
        } catch (IOException | SlackApiException e) {
            LOG.warn("usergroups.users.list {} failed: {}", group, e.getClass().getSimpleName());
        }
        cache.put(group, new Cached(members, System.nanoTime()));
        return members;
    }
}
