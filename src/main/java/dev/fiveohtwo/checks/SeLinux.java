package dev.fiveohtwo.checks;

import java.util.Optional;

/**
 * SELinux on the server, when it has it: the mode ({@code getenforce}'s word) and the boolean that lets a web server
 * (nginx, httpd: the domain {@code httpd_t}) connect to any TCP port.
 *
 * @param mode                    {@code Enforcing}, {@code Permissive}, {@code Disabled}; empty on a host without SELinux
 * @param httpdCanNetworkConnect  {@code httpd_can_network_connect}, when it could be read
 */
public record SeLinux(String mode, Optional<Boolean> httpdCanNetworkConnect) {

    public boolean enforcing() {
        return mode.equalsIgnoreCase("Enforcing");
    }

    /** The {@code selinux} section: {@code mode=...} and {@code httpd_can_network_connect=on|off} (or getsebool's line). */
    static SeLinux parse(String section) {
        String mode = "";
        Optional<Boolean> connect = Optional.empty();
        for (String line : section.split("\n")) {
            String l = line.strip();
            if (l.startsWith("mode=")) {
                mode = l.substring(5).strip();
            } else if (l.startsWith("httpd_can_network_connect")) {
                // 'httpd_can_network_connect=off' from the file, 'httpd_can_network_connect --> off' from getsebool
                String v = l.substring(l.lastIndexOf(l.contains("-->") ? '>' : '=') + 1)
                        .strip();
                connect = v.equals("on") ? Optional.of(true) : v.equals("off") ? Optional.of(false) : Optional.empty();
            }
        }
        return new SeLinux(mode, connect);
    }
}
