package dev.fiveohtwo.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One server of the inventory, with every default applied.
 *
 * @param logs     log name ({@code nginx-error}, {@code php-fpm}, {@code app}, {@code kernel}) to path
 * @param services by inventory key, in file order
 * @param dependsOn {@code host:port} of what the applications need (a database, a cache), probed from the server
 * @param alertLabels alert labels (name to value) that all together name this server when an alert carries no
 *                    {@code fiveohtwo_server} or {@code instance} label that does
 */
public record Server(
        String name,
        String host,
        int port,
        String user,
        Optional<Path> identity,
        Path knownHosts,
        Duration connectTimeout,
        Duration commandTimeout,
        Optional<String> jump,
        Transport transport,
        List<String> groups,
        Optional<String> frontUrl,
        Map<String, String> logs,
        Map<String, Service> services,
        List<String> dependsOn,
        Map<String, String> alertLabels) {

    /** A server with no dependencies to probe and that no alert names by its labels. */
    public Server(
            String name,
            String host,
            int port,
            String user,
            Optional<Path> identity,
            Path knownHosts,
            Duration connectTimeout,
            Duration commandTimeout,
            Optional<String> jump,
            Transport transport,
            List<String> groups,
            Optional<String> frontUrl,
            Map<String, String> logs,
            Map<String, Service> services) {
        this(
                name,
                host,
                port,
                user,
                identity,
                knownHosts,
                connectTimeout,
                commandTimeout,
                jump,
                transport,
                groups,
                frontUrl,
                logs,
                services,
                List.of(),
                Map.of());
    }

    /** {@code user@host:port}, the way an operator would name the login. */
    public String login() {
        return transport == Transport.LOCAL ? "local" : user + "@" + host + (port == 22 ? "" : ":" + port);
    }

    /**
     * What keeps this server from being checked over SSH, looked at now: a running bot sees a key that was fixed
     * (or removed) after the inventory was read. A device, FIFO or folder is refused before anything reads it,
     * as reading one would block or never end; a missing known-hosts is fine (every host key is then unknown,
     * which the check reports with the line that adds it).
     */
    public Optional<Unusable> unusable() {
        if (transport != Transport.SSH) {
            return Optional.empty();
        }
        if (identity.isPresent()) {
            Path id = identity.get();
            String problem = !Files.exists(id)
                    ? "does not exist"
                    : !Files.isRegularFile(id)
                            ? "is not a regular file"
                            : !Files.isReadable(id) ? "is not readable" : null;
            if (problem != null) {
                return Optional.of(new Unusable(name, "identity", id, problem));
            }
        }
        if (Files.exists(knownHosts) && !Files.isRegularFile(knownHosts)) {
            return Optional.of(new Unusable(name, "known-hosts", knownHosts, "is not a regular file"));
        }
        return Optional.empty();
    }
}
