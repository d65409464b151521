package dev.fiveohtwo.alerts;

import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.Server;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which servers an alert is about, tried in this order: the {@code fiveohtwo_server} or {@code fiveohtwo_group}
 * label; the {@code instance} label as a server's name, its front URL (blackbox_exporter's probed URL), its host
 * with or without a port (an exporter's port is rarely the SSH port); a server's {@code alert-labels:}, all of
 * which the alert carries. Label values are only ever compared with the inventory.
 */
@Singleton
final class AlertTargets {
    static final String SERVER = "fiveohtwo_server";
    static final String GROUP = "fiveohtwo_group";
    static final String INSTANCE = "instance";
    private final Inventory inventory;

    AlertTargets(Inventory inventory) {
        this.inventory = inventory;
    }

    /** What an alert's labels name. */
    sealed interface Match permits Servers, Nothing {}

    /** The servers, and which rule found them (for the audit). */
    record Servers(List<Server> servers, String by) implements Match {}

    /** No server: the labels as seen, for the message that says how to map them. */
    record Nothing(Map<String, String> labels) implements Match {}

    Match match(Map<String, String> labels) {
        String server = labels.get(SERVER);
        if (server != null && inventory.servers().containsKey(server)) {
            return new Servers(List.of(inventory.servers().get(server)), SERVER);
        }
        String group = labels.get(GROUP);
        if (group != null && !inventory.group(group).isEmpty()) {
            return new Servers(inventory.group(group), GROUP);
        }
        String instance = labels.get(INSTANCE);
        if (instance != null && !instance.isBlank()) {
            for (Predicate<Server> rule : List.<Predicate<Server>>of(
                    s -> s.name().equals(instance),
                    s -> s.frontUrl().map(u -> sameUrl(u, instance)).orElse(false),
                    s -> sameHost(s.host(), instance) || sameHost(s.host() + ":" + s.port(), instance),
                    s -> instance.startsWith(s.host() + ":")
                            && instance.substring(s.host().length() + 1).matches("[0-9]{1,5}"))) {
                List<Server> found =
                        inventory.servers().values().stream().filter(rule).toList();
                if (!found.isEmpty()) {
                    return new Servers(found, INSTANCE);
                }
            }
        }
        List<Server> byLabels = inventory.servers().values().stream()
                .filter(s -> !s.alertLabels().isEmpty()
                        && s.alertLabels().entrySet().stream()
                                .allMatch(e -> e.getValue().equals(labels.get(e.getKey()))))
                .toList();
        if (!byLabels.isEmpty()) {
            return new Servers(byLabels, "alert-labels");
        }
        return new Nothing(labels);
    }

    private static boolean sameHost(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /** Same scheme, host, port and path, whatever the trailing slash and the case of the host. */
    static boolean sameUrl(String configured, String seen) {
        try {
            URI a = URI.create(configured);
            URI b = URI.create(seen);
            return a.getScheme() != null
                    && a.getScheme().equalsIgnoreCase(b.getScheme())
                    && a.getHost() != null
                    && a.getHost().equalsIgnoreCase(b.getHost())
                    && port(a) == port(b)
                    && path(a).equals(path(b))
                    && String.valueOf(a.getRawQuery()).equals(String.valueOf(b.getRawQuery()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String path(URI u) {
        String p = u.getRawPath() == null ? "" : u.getRawPath();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
