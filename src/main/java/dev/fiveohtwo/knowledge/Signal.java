package dev.fiveohtwo.knowledge;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The facts an article can match besides log lines. Each is computed by {@link Signals} from the evidence;
 * the parameters it accepts are checked when the article is loaded.
 */
public enum Signal {
    FRONT_STATUS(Set.of("codes")),
    FRONT_SLOW(Set.of("over-ms")),
    SERVICE_DOWN(Set.of("kinds")),
    SERVICE_RECENTLY_STARTED(Set.of("within-minutes", "kinds")),
    SERVICE_RESTART_LOOP(Set.of("min-restarts", "kinds")),
    /** A service whose last stop was the kernel's (or the container runtime's) OOM kill: systemd's or Docker's word. */
    SERVICE_OOM_KILLED(Set.of("kinds")),
    /** A {@code depends-on} address of the inventory that did not accept a TCP connection from the server. */
    DEPENDENCY_UNREACHABLE(Set.of()),
    /** SELinux enforces its policy on the server. */
    SELINUX_ENFORCING(Set.of()),
    UPSTREAM_REFUSED(Set.of("directives")),
    UPSTREAM_SLOW(Set.of("over-ms")),
    UPSTREAM_RESET(Set.of()),
    /**
     * A request nginx could not retry (POST, PUT, PATCH, DELETE, LOCK) met a closed connection to a server of an
     * upstream group that keeps idle connections ({@code keepalive N}): the backend closed it as nginx reused it.
     */
    UPSTREAM_KEEPALIVE_CLOSED(Set.of()),
    UPSTREAM_UNRESOLVABLE(Set.of()),
    UPSTREAM_NO_ROUTE(Set.of()),
    SOCKET_MISSING(Set.of()),
    SOCKET_PERMISSION(Set.of()),
    UPSTREAM_MISDIRECTED(Set.of()),
    MEMORY_LOW(Set.of("below-mb", "below-percent")),
    SWAP_FULL(Set.of("above-percent")),
    DISK_FULL(Set.of("above-percent")),
    LOAD_HIGH(Set.of("per-core")),
    CONNECTIONS_HIGH(Set.of("above")),
    NOFILE_LOW(Set.of("below")),
    CONTAINER_DOWN(Set.of()),
    NGINX_CONFIG_INVALID(Set.of()),
    OOM_KILL(Set.of());

    private final Set<String> parameters;

    Signal(Set<String> parameters) {
        this.parameters = parameters;
    }

    /** The name used in articles, e.g. {@code service-down}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    Set<String> parameters() {
        return parameters;
    }

    /** Signals that describe the symptom, not a cause: they support a finding but never make one alone. */
    boolean symptomOnly() {
        return this == FRONT_STATUS || this == FRONT_SLOW;
    }

    static Optional<Signal> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}
