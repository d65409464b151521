package dev.fiveohtwo.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of one service, from systemd ({@code systemctl show}), without systemd from {@code ps}, or from the
 * manager that runs it (PM2, supervisord, Docker), always in systemd's words.
 *
 * @param activeState systemd's ActiveState ({@code active}, {@code inactive}, {@code failed}, ...); {@code unknown}
 *                    when nothing could say
 * @param subState    systemd's SubState, or the manager's own word ({@code errored}, {@code backoff}, {@code unhealthy})
 * @param result      systemd's Result ({@code oom-kill}, {@code exit-code}, ...), a container's {@code oom-kill}
 * @param sinceEpoch  when it entered the active state, in seconds, when known
 * @param source      {@code systemd}, {@code ps}, {@code pm2}, {@code supervisord} or {@code docker}
 * @param memoryBytes what the manager says it uses, when it says (PM2)
 */
public record ServiceState(
        String name,
        String kind,
        String unit,
        String activeState,
        String subState,
        String result,
        Optional<Integer> restarts,
        Optional<Long> sinceEpoch,
        Optional<Integer> mainPid,
        String source,
        Optional<Long> memoryBytes) {

    public boolean active() {
        return "active".equals(activeState) || "reloading".equals(activeState);
    }

    /** One line for people: {@code php8.2-fpm: failed (exit-code), 3 restarts}. */
    public String describe() {
        StringBuilder s = new StringBuilder(unit).append(": ").append(activeState);
        if (!subState.isEmpty() && !subState.equals(activeState)) {
            s.append('/').append(subState);
        }
        if (!result.isEmpty() && !"success".equals(result)) {
            s.append(" (").append(result).append(')');
        }
        restarts.filter(n -> n > 0).ifPresent(n -> s.append(", ").append(n).append(" restarts"));
        memoryBytes.ifPresent(b -> s.append(", ").append(b / (1024 * 1024)).append(" MB"));
        if (!source.equals("systemd") && !source.equals("ps")) {
            s.append(" [").append(source).append(']');
        }
        return s.toString();
    }

    static List<ServiceState> parse(String section) {
        return parse(section, ManagedServices.parse(new Sections(java.util.Map.of(), java.util.Set.of()), 0));
    }

    static List<ServiceState> parse(String section, ManagedServices managed) {
        List<ServiceState> out = new ArrayList<>();
        Builder b = null;
        for (String line : section.split("\n")) {
            if (line.startsWith("service=")) {
                if (b != null) {
                    out.add(b.build(managed));
                }
                String[] f = line.substring(8).split("\\|", -1);
                b = new Builder(f[0], f.length > 1 ? f[1] : "other", f.length > 2 ? f[2] : f[0]);
            } else if (b != null && line.contains("=")) {
                b.set(
                        line.substring(0, line.indexOf('=')),
                        line.substring(line.indexOf('=') + 1).strip());
            }
        }
        if (b != null) {
            out.add(b.build(managed));
        }
        return List.copyOf(out);
    }

    private static final class Builder {
        private final String name;
        private final String kind;
        private final String unit;
        private String active = "unknown";
        private String sub = "";
        private String result = "";
        private Optional<Integer> restarts = Optional.empty();
        private Optional<Long> since = Optional.empty();
        private Optional<Integer> pid = Optional.empty();
        private String source = "systemd";

        Builder(String name, String kind, String unit) {
            this.name = name;
            this.kind = kind;
            this.unit = unit;
        }

        void set(String key, String value) {
            switch (key) {
                case "ActiveState" -> active = value;
                case "SubState" -> sub = value;
                case "Result" -> result = value;
                case "NRestarts" -> restarts = Numbers.integer(value);
                case "SinceEpoch" -> since = Numbers.longValue(value).filter(v -> v > 0);
                case "MainPID" -> pid = Numbers.integer(value).filter(v -> v > 0);
                case "Source" -> source = value;
                case "Manager" -> source = value;
                default -> {}
            }
        }

        ServiceState build(ManagedServices managed) {
            if (!source.equals("systemd") && !source.equals("ps")) {
                return managed.of(source, unit)
                        .map(m -> new ServiceState(
                                name,
                                kind,
                                unit,
                                m.activeState(),
                                m.subState(),
                                m.result(),
                                m.restarts(),
                                m.sinceEpoch(),
                                m.mainPid(),
                                source,
                                m.memoryBytes()))
                        .orElseGet(() -> new ServiceState(
                                name,
                                kind,
                                unit,
                                "unknown",
                                "",
                                source + " did not report it",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                source,
                                Optional.empty()));
            }
            return new ServiceState(
                    name, kind, unit, active, sub, result, restarts, since, pid, source, Optional.empty());
        }
    }
}
