package dev.fiveohtwo.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The servers fiveohtwo knows, and the groups they belong to.
 *
 * <p>A name given by a user is only ever looked up here; it never reaches a shell.
 */
public record Inventory(String source, Map<String, Server> servers) {

    /** The name that stands for every server. */
    public static final String ALL = "all";

    /** Servers in the named group, in inventory order. */
    public List<Server> group(String group) {
        return servers.values().stream().filter(s -> s.groups().contains(group)).toList();
    }

    /** Every group name, sorted. */
    public Set<String> groups() {
        Set<String> groups = new java.util.TreeSet<>();
        servers.values().forEach(s -> groups.addAll(s.groups()));
        return groups;
    }

    /**
     * The servers a target names: a server, a group, or {@code all}.
     *
     * @throws UnknownTargetException with the closest names when nothing matches
     */
    public List<Server> resolve(String target) {
        Server server = servers.get(target);
        if (server != null) {
            return List.of(server);
        }
        if (ALL.equals(target)) {
            return List.copyOf(servers.values());
        }
        List<Server> group = group(target);
        if (!group.isEmpty()) {
            return group;
        }
        Set<String> names = new LinkedHashSet<>(servers.keySet());
        names.addAll(groups());
        names.add(ALL);
        throw new UnknownTargetException(target, ClosestNames.to(target, names, 3));
    }

    static Inventory of(String source, List<Server> servers) {
        Map<String, Server> byName = new LinkedHashMap<>();
        servers.forEach(s -> byName.put(s.name(), s));
        return new Inventory(source, java.util.Collections.unmodifiableMap(byName));
    }

    /** The inventory used when no file exists: this machine, checked without SSH. */
    public static Inventory builtIn() {
        Server local = new Server(
                "localhost",
                "localhost",
                22,
                System.getProperty("user.name"),
                java.util.Optional.empty(),
                java.nio.file.Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(20),
                java.util.Optional.empty(),
                Transport.LOCAL,
                List.of(),
                java.util.Optional.empty(),
                Map.of(),
                Map.of());
        return of("built-in", new ArrayList<>(List.of(local)));
    }
}
