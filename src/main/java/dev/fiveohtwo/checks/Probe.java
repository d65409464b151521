package dev.fiveohtwo.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A direct probe from the server itself: of the front URL, or of an upstream nginx passes requests to.
 *
 * @param address   {@code http://127.0.0.1/}, {@code 127.0.0.1:9000} or {@code unix:/run/php/php8.2-fpm.sock}
 * @param directive {@code front}, the nginx directive ({@code fastcgi_pass}, {@code proxy_pass}, ...),
 *                  {@code upstream:<name>} for a server of an upstream block, or another front's: {@code ProxyPass},
 *                  {@code ProxyPassMatch fcgi}, {@code SetHandler fcgi}, {@code BalancerMember}, {@code haproxy:<backend>},
 *                  {@code reverse_proxy}, {@code php_fastcgi}, {@code loadBalancer} (Traefik), {@code envoy:<cluster>};
 *                  or {@code depends-on} for a dependency of the applications
 * @param outcome   what happened (see {@link Outcome})
 * @param detail    the rest of the result: HTTP status and seconds, socket owner|group|mode, an error
 */
public record Probe(String address, String directive, Outcome outcome, String detail, Optional<Long> millis) {

    /** What a probe found. */
    public enum Outcome {
        HTTP,
        OPEN,
        REFUSED,
        TIMEOUT,
        UNRESOLVABLE,
        NO_ROUTE,
        RESET,
        EMPTY_REPLY,
        MISSING,
        SOCKET,
        NOT_A_SOCKET,
        DIR_UNREADABLE,
        FAILED,
        UNTESTED
    }

    public boolean front() {
        return "front".equals(directive);
    }

    /** A probe of what the applications depend on (the inventory's {@code depends-on}), not of a front's backend. */
    public boolean dependency() {
        return "depends-on".equals(directive);
    }

    public boolean unixSocket() {
        return address.startsWith("unix:");
    }

    /** The HTTP status, for HTTP probes that got one. */
    public Optional<Integer> status() {
        if (outcome != Outcome.HTTP && outcome != Outcome.TIMEOUT) {
            return Optional.empty();
        }
        String[] f = detail.split(" ");
        return Numbers.integer(f[0]).filter(c -> c >= 100);
    }

    /** The time curl measured, in whole milliseconds, for HTTP probes. */
    private Optional<Long> seconds() {
        String[] f = detail.split(" ");
        return f.length < 2 ? Optional.empty() : Numbers.decimal(f[1]).map(s -> Math.round(s * 1000));
    }

    /**
     * The service kind that should answer here: php-fpm behind a FastCGI target (nginx's {@code fastcgi_pass},
     * Caddy's {@code php_fastcgi}, an Apache directive the collector marks {@code fcgi}), an app behind the others.
     */
    public String expectedKind() {
        return directive.equals("fastcgi_pass") || directive.equals("php_fastcgi") || directive.endsWith(" fcgi")
                ? "php-fpm"
                : "app";
    }

    /** One line for people: {@code fastcgi_pass 127.0.0.1:9001 → refused}, {@code front http://… → HTTP 502 in 3 ms}. */
    public String describe() {
        String what = switch (outcome) {
            case HTTP ->
                "HTTP " + status().map(String::valueOf).orElse("?")
                        + seconds()
                                .map(ms -> " in " + (ms == 0 ? "<1" : ms) + " ms")
                                .orElse("");
            case TIMEOUT ->
                "timeout" + seconds().map(ms -> " after " + ms + " ms").orElse("");
            case SOCKET -> "socket present, owner|group|mode " + detail;
            default ->
                outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + (detail.isEmpty() ? "" : " " + detail);
        };
        return (front() ? "front " : directive + " ") + address + " → " + what;
    }

    static List<Probe> parse(String section) {
        List<Probe> out = new ArrayList<>();
        for (String line : section.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length < 5 || !f[0].equals("probe")) {
                continue;
            }
            // a socket result carries owner|group|mode, so the milliseconds are always the last field
            String result = String.join("|", java.util.Arrays.copyOfRange(f, 3, f.length - 1));
            String word = result.contains(" ") ? result.substring(0, result.indexOf(' ')) : result;
            String detail = result.contains(" ") ? result.substring(result.indexOf(' ') + 1) : "";
            out.add(new Probe(f[1], f[2], outcome(word), detail, Numbers.longValue(f[f.length - 1])));
        }
        return List.copyOf(out);
    }

    private static Outcome outcome(String word) {
        try {
            return Outcome.valueOf(word.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return Outcome.FAILED;
        }
    }
}
