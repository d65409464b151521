package dev.fiveohtwo.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * A backend another front (Apache, HAProxy, Caddy, Traefik, Envoy) is configured to pass requests to, as its configuration
 * writes it; the collector probes each one as it probes nginx's.
 *
 * @param front     the front's kind: {@code apache}, {@code haproxy}, {@code caddy}, {@code traefik} or {@code envoy}
 * @param directive {@code ProxyPass}, {@code ProxyPassMatch}, {@code BalancerMember}, {@code SetHandler},
 *                  {@code haproxy:<backend>}, {@code reverse_proxy}, {@code php_fastcgi}, {@code loadBalancer} (Traefik) or
 *                  {@code envoy:<cluster>}
 * @param target    the target as written, e.g. {@code fcgi://127.0.0.1:9000/var/www/$1} or {@code unix//run/app.sock}
 */
public record FrontTarget(String front, String directive, String target) {

    /** The {@code front-upstreams} section: one {@code target|front|directive|target} a line. */
    static List<FrontTarget> parse(String section) {
        List<FrontTarget> out = new ArrayList<>();
        for (String line : section.split("\n")) {
            String[] f = line.split("\\|", 4);
            if (f.length == 4 && f[0].equals("target") && !f[1].isBlank() && !f[3].isBlank()) {
                out.add(new FrontTarget(f[1], f[2], f[3]));
            }
        }
        return List.copyOf(out);
    }
}
