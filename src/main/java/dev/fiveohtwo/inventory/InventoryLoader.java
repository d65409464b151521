package dev.fiveohtwo.inventory;

import dev.fiveohtwo.system.Printable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an inventory file (YAML or JSON) and checks every key, so that nothing starts with a broken inventory.
 * Errors name the file, the line and the key.
 */
public final class InventoryLoader {
    private static final Set<String> TOP_KEYS = Set.of("defaults", "servers");
    private static final Set<String> SERVER_KEYS = Set.of(
            "host",
            "port",
            "user",
            "identity",
            "known-hosts",
            "connect-timeout",
            "command-timeout",
            "jump",
            "transport",
            "groups",
            "front-url",
            "logs",
            "services",
            "depends-on",
            "alert-labels");
    private static final Set<String> DEFAULT_KEYS = Set.of(
            "user",
            "identity",
            "known-hosts",
            "connect-timeout",
            "command-timeout",
            "port",
            "transport",
            "groups",
            "front-url",
            "logs",
            "services",
            "depends-on");
    private static final Set<String> SERVICE_KEYS = Set.of("kind", "unit", "restart", "process", "config", "manager");
    /** Service kinds: the fronts (nginx and the other proxies a 502 can come from), then what stands behind them. */
    private static final Set<String> SERVICE_KINDS =
            Set.of("nginx", "apache", "haproxy", "caddy", "traefik", "envoy", "php-fpm", "app", "container", "other");
    /** Log names: each front's error (or access) log, then the backends' and the kernel's. */
    private static final Set<String> LOG_NAMES = Set.of(
            "nginx-error", "apache-error", "haproxy", "caddy", "traefik", "envoy", "php-fpm", "app", "kernel", "audit");
    /** A log that is no file: {@code journal:UNIT} (the systemd journal) or {@code docker:NAME} (a container's output). */
    private static final Pattern STREAM_LOG =
            Pattern.compile("(journal|docker):\\s*([A-Za-z0-9][A-Za-z0-9@._:-]{0,127})");
    /** A dependency to probe: {@code host:port}, {@code [v6]:port}. */
    private static final Pattern DEPENDENCY =
            Pattern.compile("([A-Za-z0-9._-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]):(\\d{1,5})");

    private static final int MAX_DEPENDENCIES = 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]{1,253}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m|h)?");
    private static final long MAX_BYTES = 4 << 20;

    private final Path home;

    /** A loader that expands {@code ~} to the current user's home. */
    public InventoryLoader() {
        this(Path.of(System.getProperty("user.home")));
    }

    InventoryLoader(Path home) {
        this.home = home;
    }

    /**
     * Reads and validates {@code file}. A structural problem (YAML, an unknown key, a bad value, a jump cycle) stops
     * it; a server whose key or known-hosts file cannot be used is kept, and only its own check fails
     * ({@link Server#unusable()}), so one bad entry does not blind the others.
     */
    public Inventory load(Path file) {
        return parse(file.toString(), read(file));
    }

    /** Parses inventory text; {@code source} names it in messages. */
    public Inventory parse(String source, String text) {
        Checked checked = check(source, text);
        if (!checked.structural().isEmpty()) {
            throw checked.structural().get(0);
        }
        return checked.inventory();
    }

    /**
     * Every problem of {@code file} at once, each with the file and line: the structural ones (the first of each
     * server) and the servers that cannot be used. Empty when the inventory is fine.
     */
    public List<String> validate(Path file) {
        try {
            return validate(file.toString(), read(file));
        } catch (InventoryException e) {
            return List.of(e.getMessage());
        }
    }

    List<String> validate(String source, String text) {
        try {
            Checked checked = check(source, text);
            List<String> all = new ArrayList<>();
            checked.structural().forEach(e -> all.add(e.getMessage()));
            all.addAll(checked.unusable());
            return all;
        } catch (InventoryException e) {
            return List.of(e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InventoryException(file + ": larger than 4 MiB, not an inventory");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InventoryException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** An inventory read to its end: the servers that parsed, what was wrong with the others, the unusable ones. */
    private record Checked(Inventory inventory, List<InventoryException> structural, List<String> unusable) {}

    /** Throws only when nothing further can be read (not YAML, no servers map); otherwise collects. */
    private Checked check(String source, String text) {
        Node root = compose(source, new StringReader(text));
        if (root == null) {
            throw new InventoryException(source + ": empty inventory: it needs a 'servers:' map");
        }
        Context ctx = new Context(source);
        Map<String, Node> top = ctx.mapping(root, "the inventory", TOP_KEYS);
        Map<String, Node> defaults =
                top.containsKey("defaults") ? ctx.mapping(top.get("defaults"), "defaults", DEFAULT_KEYS) : Map.of();
        Node serversNode = top.get("servers");
        if (serversNode == null) {
            throw ctx.error(root, "servers", "missing: list the servers under 'servers:'");
        }
        Map<String, Node> servers = ctx.mapping(serversNode, "servers", null);
        List<Server> result = new ArrayList<>();
        List<InventoryException> structural = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (Map.Entry<String, Node> e : servers.entrySet()) {
            try {
                result.add(server(ctx, e.getKey(), e.getValue(), defaults, unusable));
            } catch (InventoryException problem) {
                structural.add(problem);
            }
        }
        checkJumps(ctx, servers, result, structural);
        return new Checked(Inventory.of(source, result), List.copyOf(structural), List.copyOf(unusable));
    }

    private static Node compose(String source, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit((int) MAX_BYTES);
        try {
            return new Yaml(options).compose(reader);
        } catch (YAMLException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new InventoryException(source + ": not valid YAML or JSON: "
                    + msg.replaceAll("[\\p{Cntrl}\\s]+", " ").strip());
        }
    }

    private Server server(Context ctx, String name, Node node, Map<String, Node> defaults, List<String> unusable) {
        if (!NAME.matcher(name).matches()) {
            throw ctx.error(
                    node, Printable.of(name), "a server name uses letters, digits, '.', '_' and '-' only, at most 63");
        }
        Map<String, Node> own = node instanceof ScalarNode s && s.getValue().isEmpty()
                ? Map.of()
                : ctx.mapping(node, "server '" + name + "'", SERVER_KEYS);
        Map<String, Node> merged = new LinkedHashMap<>(defaults);
        merged.putAll(own);
        Transport transport = transport(ctx, merged.get("transport"));
        String host = ctx.string(merged.get("host"), "host").orElse(null);
        if (host == null) {
            if (transport == Transport.SSH) {
                throw ctx.error(node, name + ".host", "missing: each ssh server needs a host");
            }
            host = "localhost";
        } else if (!HOST.matcher(host).matches()) {
            throw ctx.error(merged.get("host"), name + ".host", "not a host name or address");
        }
        int port = ctx.integer(merged.get("port"), "port", 22, 1, 65535);
        String user = ctx.string(merged.get("user"), "user").orElse(System.getProperty("user.name"));
        if (!NAME.matcher(user).matches()) {
            throw ctx.error(merged.get("user"), name + ".user", "not a user name");
        }
        Optional<Path> identity = ctx.string(merged.get("identity"), "identity").map(this::expand);
        Path knownHosts =
                expand(ctx.string(merged.get("known-hosts"), "known-hosts").orElse("~/.ssh/known_hosts"));
        Duration connect =
                ctx.duration(merged.get("connect-timeout"), name + ".connect-timeout", Duration.ofSeconds(5));
        Duration command =
                ctx.duration(merged.get("command-timeout"), name + ".command-timeout", Duration.ofSeconds(20));
        Optional<String> jump = ctx.string(merged.get("jump"), "jump");
        List<String> groups = ctx.strings(merged.get("groups"), name + ".groups");
        for (String g : groups) {
            if (!NAME.matcher(g).matches() || g.equals(Inventory.ALL)) {
                throw ctx.error(
                        merged.get("groups"), name + ".groups", "'" + Printable.of(g) + "' is not a usable group name");
            }
        }
        Optional<String> front = ctx.string(merged.get("front-url"), "front-url");
        if (front.isPresent() && !front.get().matches("https?://[^\\s'\"`$\\\\]+")) {
            throw ctx.error(
                    merged.get("front-url"),
                    name + ".front-url",
                    "must be an http:// or https:// URL without spaces or quotes");
        }
        Map<String, String> logs = new LinkedHashMap<>();
        if (merged.get("logs") != null) {
            ctx.mapping(merged.get("logs"), name + ".logs", LOG_NAMES).forEach((k, v) -> {
                String path = ctx.string(v, k).orElseThrow(() -> ctx.error(v, name + ".logs." + k, "needs a path"));
                Matcher stream = STREAM_LOG.matcher(path.strip());
                if (stream.matches()) {
                    logs.put(k, stream.group(1) + ":" + stream.group(2));
                } else if (path.startsWith("journal:") || path.startsWith("docker:")) {
                    throw ctx.error(
                            v,
                            name + ".logs." + k,
                            "'" + Printable.of(path) + "': journal: and docker: take a unit or container name");
                } else {
                    logs.put(k, absolutePath(ctx, v, name + ".logs." + k, path));
                }
            });
        }
        Map<String, Service> services = new LinkedHashMap<>();
        if (merged.get("services") != null) {
            ctx.mapping(merged.get("services"), name + ".services", null)
                    .forEach((k, v) -> services.put(k, service(ctx, name + ".services." + Printable.of(k), k, v)));
        }
        List<String> dependsOn = ctx.strings(merged.get("depends-on"), name + ".depends-on");
        for (String d : dependsOn) {
            Matcher m = DEPENDENCY.matcher(d);
            int p = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (p < 1 || p > 65535) {
                throw ctx.error(
                        merged.get("depends-on"),
                        name + ".depends-on",
                        "'" + Printable.of(d) + "' is not host:port (e.g. 127.0.0.1:5432, db.internal:6379)");
            }
        }
        if (dependsOn.size() > MAX_DEPENDENCIES) {
            throw ctx.error(
                    merged.get("depends-on"), name + ".depends-on", "at most " + MAX_DEPENDENCIES + " dependencies");
        }
        Map<String, String> alertLabels = new LinkedHashMap<>();
        if (own.get("alert-labels") != null) {
            ctx.mapping(own.get("alert-labels"), name + ".alert-labels", null).forEach((k, v) -> {
                if (!k.matches("[A-Za-z_][A-Za-z0-9_]{0,99}")) {
                    throw ctx.error(v, name + ".alert-labels", "'" + Printable.of(k) + "' is not an alert label name");
                }
                alertLabels.put(
                        k,
                        ctx.string(v, k).orElseThrow(() -> ctx.error(v, name + ".alert-labels." + k, "needs a value")));
            });
        }
        Server server = new Server(
                name,
                host,
                port,
                user,
                identity,
                knownHosts,
                connect,
                command,
                jump,
                transport,
                List.copyOf(groups),
                front,
                Map.copyOf(logs),
                java.util.Collections.unmodifiableMap(services),
                List.copyOf(new java.util.LinkedHashSet<>(dependsOn)),
                java.util.Collections.unmodifiableMap(alertLabels));
        server.unusable()
                .ifPresent(u ->
                        unusable.add(ctx.error(merged.get(u.key()), name + "." + u.key(), u.path() + " " + u.problem())
                                .getMessage()));
        return server;
    }

    private static Service service(Context ctx, String where, String key, Node node) {
        if (!NAME.matcher(key).matches()) {
            throw ctx.error(node, where, "a service name uses letters, digits, '.', '_' and '-' only");
        }
        Map<String, Node> m = ctx.mapping(node, where, SERVICE_KEYS);
        String kind = ctx.string(m.get("kind"), "kind").orElse("other");
        if (!SERVICE_KINDS.contains(kind)) {
            throw ctx.error(
                    m.get("kind"),
                    where + ".kind",
                    "'" + Printable.of(kind) + "' is not one of " + new java.util.TreeSet<>(SERVICE_KINDS));
        }
        String unit = ctx.string(m.get("unit"), "unit").orElse(key);
        if (!unit.matches("[A-Za-z0-9@._:-]{1,128}")) {
            throw ctx.error(m.get("unit"), where + ".unit", "not a unit name");
        }
        String managerId = ctx.string(m.get("manager"), "manager").orElse("systemd");
        Manager manager = Manager.byId(managerId)
                .orElseThrow(() -> ctx.error(
                        m.get("manager"),
                        where + ".manager",
                        "'" + Printable.of(managerId) + "' is not one of [systemd, pm2, supervisord, docker]"));
        if (manager != Manager.SYSTEMD && !Character.isLetterOrDigit(unit.charAt(0))) {
            // pm2, supervisorctl and docker would read a leading '-' as an option of theirs
            throw ctx.error(
                    m.get("unit"), where + ".unit", "a " + manager.id() + " name starts with a letter or digit");
        }
        Optional<String> restart = ctx.string(m.get("restart"), "restart");
        if (restart.isPresent() && (restart.get().isBlank() || restart.get().contains("\n"))) {
            throw ctx.error(m.get("restart"), where + ".restart", "must be one command on one line");
        }
        if (restart.isPresent() && restart.get().equals("true")) {
            restart = Optional.of(manager.restartCommand(unit));
        } else if (restart.isPresent() && restart.get().equals("false")) {
            restart = Optional.empty();
        } else if (restart.isPresent()
                && manager != Manager.SYSTEMD
                && !restart.get().matches("(.*\\s)?(\\S*/)?" + manager.tool() + "\\s.*")) {
            // a restart beside the manager would fight it (it restarts what it supervises in its own way)
            throw ctx.error(
                    m.get("restart"),
                    where + ".restart",
                    "a " + manager.id() + " service restarts through " + manager.tool()
                            + ": write 'restart: true' (runs '" + manager.restartCommand(unit) + "') or a "
                            + manager.tool() + " command");
        }
        Optional<String> process = ctx.string(m.get("process"), "process");
        if (process.isPresent()
                && (process.get().isBlank()
                        || process.get().contains("|")
                        || process.get().contains("\n"))) {
            throw ctx.error(m.get("process"), where + ".process", "must be a non-empty single line without '|'");
        }
        Optional<String> config = ctx.string(m.get("config"), "config")
                .map(c -> absolutePath(ctx, m.get("config"), where + ".config", c));
        return new Service(key, kind, unit, restart, process, config, manager);
    }

    private static String absolutePath(Context ctx, Node node, String where, String path) {
        if (!path.startsWith("/") || path.contains("\n") || path.contains("|") || path.length() > 1024) {
            throw ctx.error(node, where, "must be an absolute path on the server, one line, without '|'");
        }
        return path;
    }

    private static Transport transport(Context ctx, Node node) {
        String value = ctx.string(node, "transport").orElse("ssh");
        return switch (value) {
            case "ssh" -> Transport.SSH;
            case "local" -> Transport.LOCAL;
            default -> throw ctx.error(node, "transport", "'" + Printable.of(value) + "' is not ssh or local");
        };
    }

    /**
     * Each server's own jump must name an ssh server of this inventory; a cycle is reported once, by the first of
     * its members in file order, as the chain it really is ({@code a -> b -> a}).
     */
    private static void checkJumps(
            Context ctx, Map<String, Node> nodes, List<Server> servers, List<InventoryException> problems) {
        Map<String, Server> byName = new LinkedHashMap<>();
        servers.forEach(s -> byName.put(s.name(), s));
        Set<String> inReportedCycle = new HashSet<>();
        for (Server s : servers) {
            if (s.jump().isEmpty()) {
                continue;
            }
            String first = s.jump().get();
            Server firstHop = byName.get(first);
            if (firstHop == null) {
                // a server that is there but broken has its own problem reported already
                if (!nodes.containsKey(first)) {
                    problems.add(ctx.error(
                            nodes.get(s.name()),
                            s.name() + ".jump",
                            "'" + Printable.of(first) + "' is not a server in this inventory"));
                }
                continue;
            }
            if (firstHop.transport() != Transport.SSH || s.transport() != Transport.SSH) {
                problems.add(
                        ctx.error(nodes.get(s.name()), s.name() + ".jump", "jump hosts work only between ssh servers"));
                continue;
            }
            List<String> chain = new ArrayList<>();
            for (Server at = s;
                    at != null && at.jump().isPresent();
                    at = byName.get(at.jump().get())) {
                chain.add(at.name());
                String next = at.jump().get();
                if (chain.contains(next)) {
                    if (next.equals(s.name()) && !inReportedCycle.contains(s.name())) {
                        inReportedCycle.addAll(chain);
                        problems.add(ctx.error(
                                nodes.get(s.name()),
                                s.name() + ".jump",
                                "jump cycle: " + String.join(" -> ", chain) + " -> " + next));
                    }
                    break;
                }
            }
        }
    }

    private Path expand(String path) {
        if (path.equals("~")) {
            return home;
        }
        return path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
    }

    /** Typed reads of YAML nodes that fail with the file and line. */
    private record Context(String source) {
        InventoryException error(Node node, String key, String problem) {
            String line = node == null ? "" : ":" + (node.getStartMark().getLine() + 1);
            return new InventoryException(source + line + ": " + key + ": " + problem);
        }

        Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
            if (!(node instanceof MappingNode m)) {
                throw error(node, what, "expected a map");
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw error(t.getKeyNode(), what, "keys must be plain names");
                }
                if (allowed != null && !allowed.contains(k.getValue())) {
                    List<String> close = ClosestNames.to(k.getValue(), allowed, 1);
                    throw error(
                            k,
                            what + "." + Printable.of(k.getValue()),
                            "unknown key" + (close.isEmpty() ? "" : " (did you mean '" + close.get(0) + "'?)"));
                }
                if (out.put(k.getValue(), t.getValueNode()) != null) {
                    throw error(k, what + "." + Printable.of(k.getValue()), "appears twice");
                }
            }
            return out;
        }

        Optional<String> string(Node node, String key) {
            if (node == null) {
                return Optional.empty();
            }
            if (!(node instanceof ScalarNode s)) {
                throw error(node, key, "expected a single value");
            }
            return s.getValue().isEmpty() ? Optional.empty() : Optional.of(s.getValue());
        }

        List<String> strings(Node node, String key) {
            if (node == null) {
                return List.of();
            }
            if (!(node instanceof SequenceNode seq)) {
                throw error(node, key, "expected a list, e.g. [web, prod]");
            }
            return seq.getValue().stream()
                    .map(n -> string(n, key).orElseThrow(() -> error(n, key, "empty entry")))
                    .toList();
        }

        int integer(Node node, String key, int fallback, int min, int max) {
            Optional<String> v = string(node, key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.get());
                if (n < min || n > max) {
                    throw error(node, key, n + " is out of range " + min + ".." + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw error(node, key, "'" + Printable.of(v.get()) + "' is not a number");
            }
        }

        Duration duration(Node node, String key, Duration fallback) {
            Optional<String> v = string(node, key);
            if (v.isEmpty()) {
                return fallback;
            }
            Matcher m = DURATION.matcher(v.get().strip());
            if (!m.matches()) {
                throw error(node, key, "'" + Printable.of(v.get()) + "' is not a duration (e.g. 500ms, 5s, 2m)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
                throw error(node, key, "must be between 1ms and 1h");
            }
            return d;
        }
    }
}
