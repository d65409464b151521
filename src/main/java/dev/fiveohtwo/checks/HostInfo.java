package dev.fiveohtwo.checks;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Who and when, as the server sees it.
 *
 * @param now       the server's clock, in seconds since the epoch
 * @param localTime the server's local wall-clock time: nginx log times are in it
 */
public record HostInfo(
        long now, LocalDateTime localTime, String hostname, String kernel, String user, int cores, boolean systemd) {

    /** The host's offset from UTC, from its clock and its local time (to the quarter hour: the two are read apart). */
    public java.time.ZoneOffset offset() {
        long seconds = localTime.toEpochSecond(java.time.ZoneOffset.UTC) - now;
        long quarters = Math.round(seconds / 900.0);
        return quarters * 900 > 18 * 3600 || quarters * 900 < -18 * 3600
                ? java.time.ZoneOffset.UTC
                : java.time.ZoneOffset.ofTotalSeconds((int) (quarters * 900));
    }

    static HostInfo parse(String meta) {
        Map<String, String> m = new HashMap<>();
        for (String line : meta.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        long now = Numbers.longValue(m.getOrDefault("now", "")).orElse(System.currentTimeMillis() / 1000);
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(
                    m.getOrDefault("localtime", ""), DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"));
        } catch (DateTimeParseException e) {
            local = LocalDateTime.now();
        }
        return new HostInfo(
                now,
                local,
                m.getOrDefault("hostname", ""),
                m.getOrDefault("kernel", ""),
                m.getOrDefault("user", ""),
                Numbers.integer(m.getOrDefault("nproc", "")).filter(n -> n > 0).orElse(1),
                "systemd".equals(m.get("init")));
    }
}
