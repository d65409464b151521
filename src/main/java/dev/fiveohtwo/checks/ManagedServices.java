package dev.fiveohtwo.checks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of services that PM2, supervisord or Docker run, from those managers' own raw output (sections
 * {@code pm2}, {@code supervisord}, {@code docker-inspect}), in systemd's words so that the same signals read them.
 */
final class ManagedServices {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> PM2_ENV_KEPT = Set.of(
            "status",
            "restart_time",
            "unstable_restarts",
            "pm_uptime",
            "exit_code",
            "pm_err_log_path",
            "pm_out_log_path",
            "created_at");
    private static final Pattern SUPERVISOR =
            Pattern.compile("^(\\S+)\\s+(RUNNING|STARTING|BACKOFF|FATAL|STOPPED|STOPPING|EXITED|UNKNOWN)\\b\\s*(.*)$");
    private static final Pattern PID = Pattern.compile("pid (\\d+)");
    /** supervisord's uptime: {@code uptime 2:03:04} or {@code uptime 3 days, 2:03:04}. */
    private static final Pattern UPTIME = Pattern.compile("uptime (?:(\\d+) days?, )?(\\d+):(\\d{2}):(\\d{2})");

    /** One managed service: what its manager says, as systemd would say it. */
    record State(
            String activeState,
            String subState,
            String result,
            Optional<Integer> restarts,
            Optional<Long> sinceEpoch,
            Optional<Integer> mainPid,
            Optional<Long> memoryBytes) {}

    private final Map<String, State> pm2;
    private final Map<String, State> supervisord;
    private final Map<String, State> docker;

    private ManagedServices(Map<String, State> pm2, Map<String, State> supervisord, Map<String, State> docker) {
        this.pm2 = pm2;
        this.supervisord = supervisord;
        this.docker = docker;
    }

    static ManagedServices parse(Sections s, long now) {
        return new ManagedServices(
                pm2(s.get("pm2")), supervisord(s.get("supervisord"), now), docker(s.get("docker-inspect"), now));
    }

    /** What {@code manager} says of {@code unit}; empty when its output does not name it (not readable, not there). */
    Optional<State> of(String manager, String unit) {
        return switch (manager) {
            case "pm2" -> Optional.ofNullable(pm2.get(unit));
            case "docker" -> Optional.ofNullable(docker.get(unit));
            // a program of a group is 'group:program'; the inventory may name the group
            case "supervisord" ->
                Optional.ofNullable(supervisord.get(unit))
                        .or(() -> supervisord.entrySet().stream()
                                .filter(e -> e.getKey().startsWith(unit + ":"))
                                .map(Map.Entry::getValue)
                                .findFirst());
            default -> Optional.empty();
        };
    }

    /**
     * {@code pm2 jlist}: a JSON array of apps. Read as a stream, so that output cut at the section cap (the
     * environment PM2 prints makes it long) still gives every app before the cut.
     */
    static Map<String, State> pm2(String text) {
        Map<String, State> out = new LinkedHashMap<>();
        int start = text.indexOf('[');
        if (start < 0) {
            return out;
        }
        try (JsonParser p = JSON.createParser(text.substring(start))) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return out;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                App app = new App();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "name" -> app.name = p.getValueAsString();
                        case "pid" -> app.pid = value.isNumeric() ? p.getIntValue() : 0;
                        case "monit" ->
                            readObject(p, (k, v) -> {
                                if (k.equals("memory")) {
                                    app.memory = Numbers.longValue(v);
                                }
                            });
                        case "pm2_env" ->
                            readObject(p, (k, v) -> {
                                switch (k) {
                                    case "status" -> app.status = v;
                                    case "restart_time" -> app.restarts = Numbers.integer(v);
                                    case "unstable_restarts" -> app.unstable = Numbers.integer(v);
                                    case "pm_uptime" ->
                                        app.since = Numbers.longValue(v).map(ms -> ms / 1000);
                                    case "exit_code" -> app.exitCode = v;
                                    default -> {}
                                }
                            });
                        default -> p.skipChildren();
                    }
                }
                if (app.name != null) {
                    out.put(app.name, app.state());
                }
            }
        } catch (IOException e) {
            // cut off or not JSON: the apps read so far stand
        }
        return out;
    }

    /**
     * {@code pm2 jlist} without what PM2 adds of each app's environment: the same JSON with only the fields read here
     * and its error file, so that the raw output kept, saved and shown carries no environment variable (the redactor
     * masks what looks secret; this keeps the rest of an environment off the report too). Text that is no JSON is kept.
     */
    static String withoutEnvironment(String text) {
        int start = text.indexOf('[');
        if (start < 0) {
            return text;
        }
        java.util.List<String> apps = new java.util.ArrayList<>();
        try (JsonParser p = JSON.createParser(text.substring(start))) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return text;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                // each app on its own, so that one cut in the middle is left out rather than closed half-read
                java.io.StringWriter app = new java.io.StringWriter();
                try (JsonGenerator g = JSON.createGenerator(app)) {
                    g.writeStartObject();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken value = p.nextToken();
                        if ((field.equals("name") || field.equals("pid")) && value.isScalarValue()) {
                            g.writeFieldName(field);
                            g.copyCurrentEvent(p);
                        } else if ((field.equals("monit") || field.equals("pm2_env"))
                                && value == JsonToken.START_OBJECT) {
                            g.writeObjectFieldStart(field);
                            copyFields(p, g, field.equals("monit") ? Set.of("memory", "cpu") : PM2_ENV_KEPT);
                            g.writeEndObject();
                        } else {
                            p.skipChildren();
                        }
                    }
                    g.writeEndObject();
                }
                apps.add(app.toString());
            }
        } catch (IOException e) {
            // cut off: the apps before the cut stand
        }
        return "[" + String.join(",", apps) + "]";
    }

    private static void copyFields(JsonParser p, JsonGenerator g, Set<String> kept) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (kept.contains(k) && v.isScalarValue()) {
                g.writeFieldName(k);
                g.copyCurrentEvent(p);
            } else {
                p.skipChildren();
            }
        }
    }

    /** The scalar fields of the object the parser is at; nested objects and arrays are skipped. */
    private static void readObject(JsonParser p, java.util.function.BiConsumer<String, String> field)
            throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (v.isScalarValue()) {
                field.accept(k, p.getValueAsString(""));
            } else {
                p.skipChildren();
            }
        }
    }

    private static final class App {
        String name;
        int pid;
        String status = "unknown";
        String exitCode = "";
        Optional<Integer> restarts = Optional.empty();
        Optional<Integer> unstable = Optional.empty();
        Optional<Long> since = Optional.empty();
        Optional<Long> memory = Optional.empty();

        State state() {
            String active = switch (status) {
                case "online" -> "active";
                case "launching", "waiting restart", "one-launch-status" -> "activating";
                case "stopping" -> "deactivating";
                case "stopped" -> "inactive";
                case "errored" -> "failed";
                default -> "unknown";
            };
            String result = "errored".equals(status) && !exitCode.isEmpty() && !"0".equals(exitCode)
                    ? "exit-code " + exitCode
                    : "";
            // restart_time counts every restart the app ever had, deploys included: for an app that is up, only the
            // restarts PM2 calls unstable (it died before min_uptime) say it is crash-looping
            return new State(
                    active,
                    status,
                    result,
                    active.equals("active") ? unstable : restarts,
                    active.equals("active") ? since : Optional.empty(),
                    Optional.of(pid).filter(x -> x > 0),
                    memory.filter(m -> m > 0));
        }
    }

    /** {@code supervisorctl status}: {@code name STATE description}, one program a line. */
    static Map<String, State> supervisord(String text, long now) {
        Map<String, State> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SUPERVISOR.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String state = m.group(2);
            String desc = m.group(3).strip();
            String active = switch (state) {
                case "RUNNING" -> "active";
                case "STARTING", "BACKOFF" -> "activating";
                case "STOPPING" -> "deactivating";
                case "STOPPED" -> "inactive";
                case "FATAL", "EXITED" -> "failed";
                default -> "unknown";
            };
            Optional<Long> since = Optional.empty();
            Matcher up = UPTIME.matcher(desc);
            if (state.equals("RUNNING") && up.find()) {
                long days = up.group(1) == null ? 0 : Long.parseLong(up.group(1));
                long secs = days * 86400
                        + Long.parseLong(up.group(2)) * 3600
                        + Long.parseLong(up.group(3)) * 60
                        + Long.parseLong(up.group(4));
                since = Optional.of(now - secs);
            }
            Matcher pid = PID.matcher(desc);
            out.put(
                    m.group(1),
                    new State(
                            active,
                            state.toLowerCase(Locale.ROOT),
                            state.equals("RUNNING") ? "" : desc,
                            Optional.empty(),
                            since,
                            pid.find() ? Numbers.integer(pid.group(1)) : Optional.empty(),
                            Optional.empty()));
        }
        return out;
    }

    /**
     * {@code docker inspect --format}: {@code /name|status|restarts|oomkilled|exitcode|health|startedAt|pid}. A
     * container killed for memory says so ({@code OOMKilled}), which is the result systemd would give: {@code oom-kill}.
     */
    static Map<String, State> docker(String text, long now) {
        Map<String, State> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 8 || !f[0].startsWith("/")) {
                continue;
            }
            String status = f[1];
            boolean oom = f[3].equals("true");
            boolean failedExit = !f[4].isEmpty() && !f[4].equals("0");
            String active = switch (status) {
                case "running" -> "active";
                case "restarting" -> "activating";
                case "exited", "dead" -> failedExit || oom ? "failed" : "inactive";
                case "created", "paused" -> "inactive";
                default -> "unknown";
            };
            String sub = status.equals("running") && !f[5].isEmpty() ? f[5] : status;
            String result = oom ? "oom-kill" : failedExit ? "exit-code " + f[4] : "";
            Optional<Long> since = Optional.empty();
            if (status.equals("running")) {
                try {
                    since = Optional.of(OffsetDateTime.parse(f[6]).toEpochSecond());
                } catch (DateTimeParseException e) {
                    // no start time: nothing says how long it has run
                }
            }
            // RestartCount is the container's whole life: for one running for half an hour or more it says nothing of
            // now
            Optional<Integer> restarts =
                    since.filter(t -> now > 0 && now - t >= 1800).isPresent()
                            ? Optional.empty()
                            : Numbers.integer(f[2]);
            out.put(
                    f[0].substring(1),
                    new State(
                            active,
                            sub,
                            result,
                            restarts,
                            since,
                            Numbers.integer(f[7]).filter(p -> p > 0),
                            Optional.empty()));
        }
        return out;
    }
}
