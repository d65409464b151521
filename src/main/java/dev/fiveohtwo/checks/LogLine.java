package dev.fiveohtwo.checks;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a log, with the local time it carries when it carries one (nginx, Apache httpd, php-fpm,
 * gunicorn, syslog and ISO formats; Caddy's and the audit log's epoch seconds, and the zoned times of Traefik, the
 * journal and {@code docker logs -t}, turned into the host's local time).
 */
public record LogLine(String source, String text, Optional<LocalDateTime> time) {
    private static final Pattern NGINX = Pattern.compile("^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2})");
    private static final Pattern PHP = Pattern.compile("^\\[(\\d{2}-[A-Za-z]{3}-\\d{4} \\d{2}:\\d{2}:\\d{2})");
    private static final Pattern ISO = Pattern.compile("^\\[?(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})");
    /** Apache httpd's error log: {@code [Sat Nov 21 12:40:31.204512 2026]} (the fraction since 2.4). */
    private static final Pattern APACHE =
            Pattern.compile("^\\[[A-Z][a-z]{2} ([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2})(?:\\.\\d+)? (\\d{4})\\]");
    /** Caddy's JSON logs: {@code {"level":"error","ts":1795264831.204,...}}, seconds since the epoch. */
    private static final Pattern EPOCH_TS = Pattern.compile("^\\{.*?\"ts\":(\\d{9,11})(?:\\.\\d+)?[,}]");
    /** Traefik's own log: {@code time="2026-11-21T12:40:31Z" level=...}, with its zone. */
    private static final Pattern TRAEFIK =
            Pattern.compile("^time=\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})\"");
    /** An ISO time with its zone: {@code docker logs -t} ({@code 2026-11-21T12:40:31.123456789Z}), {@code journalctl -o short-iso}. */
    private static final Pattern ISO_ZONED =
            Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})\\s");
    /** The audit log: {@code type=AVC msg=audit(1795264803.412:1192): ...}, seconds since the epoch. */
    private static final Pattern AUDIT =
            Pattern.compile("^(?:node=\\S+ )?type=\\S+ msg=audit\\((\\d{9,11})\\.\\d+:\\d+\\)");

    private static final Pattern SYSLOG = Pattern.compile("^([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2})");
    private static final DateTimeFormatter NGINX_F =
            DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter PHP_F =
            DateTimeFormatter.ofPattern("dd-MMM-uuuu HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter APACHE_F =
            DateTimeFormatter.ofPattern("uuuu MMM d HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SYSLOG_F =
            DateTimeFormatter.ofPattern("uuuu MMM d HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** A line from {@code source}; {@code now} gives the year for syslog lines, which have none. */
    public static LogLine of(String source, String text, LocalDateTime now) {
        return of(source, text, now, ZoneOffset.UTC);
    }

    /** As {@link #of(String, String, LocalDateTime)}, on a host whose local time is {@code offset} from UTC. */
    public static LogLine of(String source, String text, LocalDateTime now, ZoneOffset offset) {
        return new LogLine(source, text, parseTime(text, now, offset));
    }

    static Optional<LocalDateTime> parseTime(String text, LocalDateTime now) {
        return parseTime(text, now, ZoneOffset.UTC);
    }

    static Optional<LocalDateTime> parseTime(String text, LocalDateTime now, ZoneOffset offset) {
        try {
            Matcher z = EPOCH_TS.matcher(text);
            if (z.find()) {
                return Optional.of(LocalDateTime.ofEpochSecond(Long.parseLong(z.group(1)), 0, offset));
            }
            z = AUDIT.matcher(text);
            if (z.find()) {
                return Optional.of(LocalDateTime.ofEpochSecond(Long.parseLong(z.group(1)), 0, offset));
            }
            z = ISO_ZONED.matcher(text);
            if (z.find()) {
                String zone = z.group(2).length() == 5
                        ? z.group(2).substring(0, 3) + ":" + z.group(2).substring(3)
                        : z.group(2);
                return Optional.of(OffsetDateTime.parse(z.group(1) + zone)
                        .withOffsetSameInstant(offset)
                        .toLocalDateTime());
            }
            z = TRAEFIK.matcher(text);
            if (z.find()) {
                return Optional.of(OffsetDateTime.parse(z.group(1) + z.group(2))
                        .withOffsetSameInstant(offset)
                        .toLocalDateTime());
            }
            Matcher m = NGINX.matcher(text);
            if (m.find()) {
                return Optional.of(LocalDateTime.parse(m.group(1), NGINX_F));
            }
            m = PHP.matcher(text);
            if (m.find()) {
                return Optional.of(LocalDateTime.parse(m.group(1), PHP_F));
            }
            m = APACHE.matcher(text);
            if (m.find()) {
                return Optional.of(
                        LocalDateTime.parse(m.group(2) + " " + m.group(1).replaceAll(" +", " "), APACHE_F));
            }
            m = ISO.matcher(text);
            if (m.find()) {
                return Optional.of(LocalDateTime.parse(m.group(1) + "T" + m.group(2)));
            }
            m = SYSLOG.matcher(text);
            if (m.find()) {
                return syslog(m.group(1).replaceAll(" +", " "), now);
            }
        } catch (DateTimeParseException e) {
            // a line that only looks like it starts with a time
        }
        return Optional.empty();
    }

    /** Syslog lines carry no year: the latest year that puts the line no later than a day after {@code now}. */
    private static Optional<LocalDateTime> syslog(String monthDayTime, LocalDateTime now) {
        for (int year = now.getYear(); year >= now.getYear() - 4; year--) {
            try {
                LocalDateTime t = LocalDateTime.parse(year + " " + monthDayTime, SYSLOG_F);
                if (!t.isAfter(now.plusDays(1))) {
                    return Optional.of(t);
                }
            } catch (DateTimeParseException e) {
                // Feb 29 in a year that has none: try an earlier year
            }
        }
        return Optional.empty();
    }
}
