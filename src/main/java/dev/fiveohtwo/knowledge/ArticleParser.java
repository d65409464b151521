package dev.fiveohtwo.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one article: YAML front matter between {@code ---} lines, then Markdown. Every problem is collected
 * with the article's name, so that {@code kb validate} reports them all at once.
 */
final class ArticleParser {
    static final List<String> CAUSE_SECTIONS =
            List.of("What it means", "How to confirm", "How to fix", "How to prevent");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> CAUSE_KEYS = Set.of(
            "id", "kind", "title", "severity", "summary", "match", "restart", "related", "explains", "condition");
    private static final Set<String> GUIDE_KEYS = Set.of("id", "kind", "title", "summary", "related");
    private static final Set<String> RULE_KEYS =
            Set.of("log", "signal", "pattern", "with", "weight", "says", "required", "supporting");
    private static final Set<String> LOG_SOURCES = Set.of(
            "nginx-error",
            "apache-error",
            "haproxy",
            "caddy",
            "traefik",
            "envoy",
            "php-fpm",
            "app",
            "kernel",
            "audit",
            "any");
    private static final Set<String> KINDS =
            Set.of("nginx", "apache", "haproxy", "caddy", "traefik", "envoy", "php-fpm", "app", "container", "other");

    private ArticleParser() {}

    /** The article, or empty with {@code problems} filled. {@code fileId} is the file name without {@code .md}. */
    static Optional<Article> parse(String origin, String fileId, String text, List<String> problems) {
        int before = problems.size();
        String t = text.replace("\r\n", "\n");
        if (!t.startsWith("---\n")) {
            problems.add(origin + ": must start with a '---' front matter block");
            return Optional.empty();
        }
        int end = t.indexOf("\n---\n", 3);
        if (end < 0) {
            problems.add(origin + ": front matter is not closed by a '---' line");
            return Optional.empty();
        }
        Map<String, Object> fm;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Object loaded = new Yaml(new SafeConstructor(options)).load(t.substring(4, end));
            if (!(loaded instanceof Map<?, ?> m)) {
                problems.add(origin + ": front matter must be a map");
                return Optional.empty();
            }
            fm = castMap(m);
        } catch (YAMLException e) {
            problems.add(origin + ": front matter is not valid YAML: "
                    + String.valueOf(e.getMessage()).replace('\n', ' '));
            return Optional.empty();
        }
        String body = t.substring(end + 5);
        boolean guide = "guide".equals(fm.get("kind"));
        if (fm.containsKey("kind") && !guide && !"cause".equals(fm.get("kind"))) {
            problems.add(origin + ": kind must be 'cause' or 'guide'");
        }
        for (String key : fm.keySet()) {
            if (!(guide ? GUIDE_KEYS : CAUSE_KEYS).contains(key)) {
                problems.add(origin + ": unknown key '" + key + "'" + (guide ? " for a guide" : ""));
            }
        }
        String id = text(fm, "id", origin, problems);
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            problems.add(origin + ": id '" + id + "' is not kebab-case");
        }
        if (!id.isEmpty() && !id.equals(fileId)) {
            problems.add(origin + ": id '" + id + "' must equal the file name '" + fileId + "'");
        }
        String title = text(fm, "title", origin, problems);
        String summary = text(fm, "summary", origin, problems);
        if (summary.contains("\n")) {
            problems.add(origin + ": summary must be one line");
        }
        List<String> related = list(fm, "related", origin, problems);
        Optional<Severity> severity = Optional.empty();
        List<Rule> rules = List.of();
        List<String> restart = List.of();
        List<String> explains = List.of();
        boolean condition = false;
        if (!guide) {
            Object c = fm.getOrDefault("condition", false);
            if (!(c instanceof Boolean)) {
                problems.add(origin + ": condition must be true or false");
            }
            condition = Boolean.TRUE.equals(c);
            severity = severity(fm.get("severity"), origin, problems);
            restart = list(fm, "restart", origin, problems);
            restart.stream()
                    .filter(k -> !KINDS.contains(k))
                    .forEach(k -> problems.add(origin + ": restart kind '" + k + "' is not one of " + KINDS));
            explains = list(fm, "explains", origin, problems);
            if (condition && !explains.isEmpty()) {
                problems.add(origin
                        + ": a host condition explains no cause (it is circumstance, not proof): drop 'explains'");
            }
            rules = rules(fm.get("match"), origin, problems);
            for (String section : CAUSE_SECTIONS) {
                if (!Pattern.compile("(?m)^## " + Pattern.quote(section) + "\\s*$")
                        .matcher(body)
                        .find()) {
                    problems.add(origin + ": body lacks the section '## " + section + "'");
                }
            }
        } else if (!Pattern.compile("(?m)^## ").matcher(body).find()) {
            problems.add(origin + ": a guide needs at least one '## ' section");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Article(
                id, guide, title, severity, summary, restart, related, explains, condition, rules, body, origin));
    }

    private static List<Rule> rules(Object match, String origin, List<String> problems) {
        if (!(match instanceof List<?> list) || list.isEmpty()) {
            problems.add(origin + ": a cause needs a non-empty 'match' list");
            return List.of();
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = origin + ": match[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                problems.add(where + ": must be a map");
                continue;
            }
            Map<String, Object> r = castMap(raw);
            r.keySet().stream()
                    .filter(k -> !RULE_KEYS.contains(k))
                    .forEach(k -> problems.add(where + ": unknown key '" + k + "'"));
            double weight = r.get("weight") instanceof Number n ? n.doubleValue() : -1;
            if (weight <= 0 || weight > 1) {
                problems.add(where + ": weight must be a number in (0, 1]");
            }
            String says = r.get("says") instanceof String s ? s.strip() : "";
            if (says.isEmpty()) {
                problems.add(where + ": 'says' must explain the rule in a few words");
            }
            boolean required = Boolean.TRUE.equals(r.get("required"));
            boolean supporting = Boolean.TRUE.equals(r.get("supporting"));
            if (required && supporting) {
                problems.add(where + ": a rule cannot be both required and supporting");
            }
            if (r.containsKey("log") == r.containsKey("signal")) {
                problems.add(where + ": needs exactly one of 'log' or 'signal'");
            } else if (r.containsKey("log")) {
                String source = String.valueOf(r.get("log"));
                if (!LOG_SOURCES.contains(source)) {
                    problems.add(where + ": log '" + source + "' is not one of " + LOG_SOURCES);
                }
                if (r.containsKey("with")) {
                    problems.add(where + ": 'with' is for signals");
                }
                if (!(r.get("pattern") instanceof String p) || p.isBlank()) {
                    problems.add(where + ": a log rule needs a 'pattern'");
                } else {
                    try {
                        rules.add(new Rule.LogRule(source, Pattern.compile(p), weight, says, required, supporting));
                    } catch (PatternSyntaxException e) {
                        problems.add(where + ": pattern does not compile: " + e.getDescription());
                    }
                }
            } else {
                String name = String.valueOf(r.get("signal"));
                Optional<Signal> signal = Signal.byId(name);
                Map<String, Object> with = r.get("with") instanceof Map<?, ?> w ? castMap(w) : Map.of();
                if (r.containsKey("with") && !(r.get("with") instanceof Map)) {
                    problems.add(where + ": 'with' must be a map");
                }
                if (r.containsKey("pattern")) {
                    problems.add(where + ": 'pattern' is for log rules");
                }
                if (signal.isEmpty()) {
                    problems.add(where + ": unknown signal '" + name + "'");
                } else {
                    with.keySet().stream()
                            .filter(k -> !signal.get().parameters().contains(k))
                            .forEach(k -> problems.add(where + ": signal " + name + " takes no parameter '" + k
                                    + "' (it takes " + signal.get().parameters() + ")"));
                    with.forEach((k, v) -> {
                        if (!(v instanceof Number) && !(v instanceof Collection)) {
                            problems.add(where + ": parameter '" + k + "' must be a number or a list");
                        }
                    });
                    rules.add(new Rule.SignalRule(signal.get(), Map.copyOf(with), weight, says, required, supporting));
                }
            }
        }
        if (!rules.isEmpty() && rules.stream().noneMatch(Rule::decisive)) {
            problems.add(
                    origin
                            + ": every rule is supporting or a symptom (front-status/front-slow); add one that shows the cause");
        }
        return List.copyOf(rules);
    }

    private static Optional<Severity> severity(Object value, String origin, List<String> problems) {
        try {
            return Optional.of(Severity.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            problems.add(origin + ": severity must be critical, high, medium or low");
            return Optional.empty();
        }
    }

    private static String text(Map<String, Object> fm, String key, String origin, List<String> problems) {
        Object v = fm.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            problems.add(origin + ": '" + key + "' is required text");
            return "";
        }
        return s.strip();
    }

    private static List<String> list(Map<String, Object> fm, String key, String origin, List<String> problems) {
        Object v = fm.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            problems.add(origin + ": '" + key + "' must be a list, e.g. [a, b]");
            return List.of();
        }
        return l.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new YAMLException("keys must be text, found " + k);
            }
        }
        return (Map<String, Object>) m;
    }
}
