package dev.fiveohtwo.inventory;

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
 */
public record Server(String name, String host, int port, String user, Optional<Path> identity,
                     Path knownHosts, Duration connectTimeout, Duration commandTimeout,
                     Optional<String> jump, Transport transport, List<String> groups,
                     Optional<String> frontUrl, Map<String, String> logs, Map<String, Service> services) {

    /** {@code user@host:port}, the way an operator would name the login. */
    public String login() {
        return transport == Transport.LOCAL ? "local" : user + "@" + host + (port == 22 ? "" : ":" + port);
    }
}
