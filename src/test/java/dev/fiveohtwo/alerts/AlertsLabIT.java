package dev.fiveohtwo.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.slack.SlackRecorder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Alerts with the real thing, all on loopback: blackbox_exporter probes the lab's front every second, Prometheus
 * fires {@code probe_http_status_code == 502}, Alertmanager sends its webhook (bearer token, send_resolved, a
 * repeat every few seconds) to two bot replicas (the built jar) sharing one PostgreSQL, and the validating fake
 * Slack records what they post. Each round breaks php-fpm, expects exactly one findings message with a restart
 * button through several repeats, then fixes it and expects that message to say resolved.
 *
 * <p>Every port and the lab folder can be moved (system property {@code fiveohtwo.lab.<name>} or environment
 * {@code FIVEOHTWO_LAB_<NAME>}); the defaults keep clear of the default lab (2222, 8080, 9100) and the bot (8502).
 * Needs root, deploy/lab/install.sh and deploy/lab/postgres.sh.
 */
@Timeout(900)
class AlertsLabIT {
    static final Path LAB = Path.of(setting("dir", "/tmp/fiveohtwo-lab-alerts"));
    static final int SSH = Integer.parseInt(setting("ssh-port", "2322"));
    static final int HTTP = Integer.parseInt(setting("http-port", "8180"));
    static final int APP = Integer.parseInt(setting("app-port", "9200"));
    static final int PROMETHEUS = Integer.parseInt(setting("prometheus-port", "19090"));
    static final int ALERTMANAGER = Integer.parseInt(setting("alertmanager-port", "19093"));
    static final int BLACKBOX = Integer.parseInt(setting("blackbox-port", "19115"));
    static final int BOT = Integer.parseInt(setting("bot-port", "18502"));
    static final int BOT2 = Integer.parseInt(setting("bot2-port", "18503"));
    static final int ROUNDS = Integer.parseInt(setting("alert-rounds", "3"));
    static final String TOKEN = "lab-alerts-token-5d1e";
    static final String CHANNEL = "CALERTLAB";
    static final Path LOGS = Path.of("target");
    /** The bot's own measure, from a notification's arrival to its findings in Slack (posted, or updated when it flapped). */
    static final Pattern POSTED = Pattern.compile(
            "alert FrontAnswers502: findings for lab (?:posted|updated) (\\d+) ms after the notification arrived");

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Process> started = new ArrayList<>();

    static String setting(String name, String fallback) {
        String env =
                System.getenv("FIVEOHTWO_LAB_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        return System.getProperty("fiveohtwo.lab." + name, env == null || env.isBlank() ? fallback : env);
    }

    @Test
    void aBrokenFrontGetsOneFindingsMessagePerIncidentThroughRepeatsAndReplicasAndItSaysResolved() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "the lab tests need root: run them as .ci/run does");
        lab("scenario", "healthy");
        String front = "http://127.0.0.1:" + HTTP + "/index.php";
        try (SlackRecorder slack = SlackRecorder.start()) {
            String db = dev.fiveohtwo.system.TestPostgres.database("alertslab" + System.nanoTime());
            Process bot1 = bot(BOT, slack, db, "alerts-lab-bot1.log");
            Process bot2 = bot(BOT2, slack, db, "alerts-lab-bot2.log");
            monitors(front);
            awaitUp("http://127.0.0.1:" + BOT + "/health", bot1);
            awaitUp("http://127.0.0.1:" + BOT2 + "/health", bot2);
            awaitUp("http://127.0.0.1:" + ALERTMANAGER + "/-/ready", null);
            awaitUp("http://127.0.0.1:" + PROMETHEUS + "/-/ready", null);

            Hooks wrong = new Hooks(URI.create("http://127.0.0.1:" + BOT), "not-the-token");
            assertEquals(
                    401,
                    wrong.alertmanager(Hooks.fixture("alertmanager-firing.json", Map.of()))
                            .statusCode());

            List<Long> sinceBreak = new ArrayList<>();
            int repeats = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                // a front that is still starting answers 502 too: break it only once nothing fires
                awaitQuiet();
                int before = topLevel(slack, CHANNEL).size();
                long broke = System.nanoTime();
                lab("scenario", "php-fpm-stopped");
                SlackRecorder.Message findings = await(
                        slack,
                        m -> m.method().equals("chat.update")
                                && m.channel().equals(CHANNEL)
                                && m.atNanos() > broke
                                && m.text().contains("lab: bad-gateway")
                                && m.blocks().contains("\"action_id\":\"restart:"));
                sinceBreak.add(Duration.ofNanos(findings.atNanos() - broke).toMillis());
                SlackRecorder.check(findings.blocks());
                assertTrue(
                        findings.blocks().contains("FrontAnswers502")
                                && findings.blocks().contains(front),
                        findings.blocks());
                // several of Alertmanager's repeats, each to both replicas
                double deduplicated = counter("deduplicated");
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (counter("deduplicated") < deduplicated + 6 && System.nanoTime() < end) {
                    Thread.sleep(500);
                }
                repeats += (int) (counter("deduplicated") - deduplicated);
                assertTrue(
                        counter("deduplicated") >= deduplicated + 6,
                        "Alertmanager did not repeat; see " + LOGS.resolve("alerts-lab-alertmanager.log"));
                assertEquals(
                        before + 1,
                        topLevel(slack, CHANNEL).size(),
                        "one message per incident, through the repeats and on both replicas");

                long fixing = System.nanoTime();
                lab("scenario", "healthy");
                SlackRecorder.Message resolved = await(
                        slack,
                        m -> m.method().equals("chat.update")
                                && m.channel().equals(CHANNEL)
                                && m.atNanos() > fixing
                                && m.ts().equals(findings.ts())
                                && m.blocks().contains("✅ resolved"));
                SlackRecorder.check(resolved.blocks());
                assertEquals(before + 1, topLevel(slack, CHANNEL).size());
                // past FIVEOHTWO_ALERTS_REOPEN_AFTER: the next round's alert is a new incident, not this one flapping
                Thread.sleep(12_000);
            }

            // Grafana's webhook shape, sent to both replicas: one message
            String grafana = Hooks.fixture(
                    "grafana-firing.json",
                    Map.of(
                            "http://127.0.0.1:18080/shop",
                            front,
                            "\"grafana_folder\": \"Web\",\n        \"instance\"",
                            "\"grafana_folder\": \"Web\",\n        \"fiveohtwo_channel\": \"CGRAFANALAB\",\n        \"instance\""));
            assertEquals(
                    202,
                    new Hooks(URI.create("http://127.0.0.1:" + BOT), TOKEN)
                            .alertmanager(grafana)
                            .statusCode());
            assertEquals(
                    202,
                    new Hooks(URI.create("http://127.0.0.1:" + BOT2), TOKEN)
                            .alertmanager(grafana)
                            .statusCode());
            SlackRecorder.Message g = slack.await(
                    m -> m.method().equals("chat.update")
                            && m.channel().equals("CGRAFANALAB")
                            && m.text().contains("lab:"),
                    Duration.ofSeconds(120));
            assertTrue(g.blocks().contains("Checkout answers 502"), g.blocks());
            Thread.sleep(2000);
            assertEquals(1, topLevel(slack, "CGRAFANALAB").size());

            // The message's Raw output button, clicked on each replica: whichever posted it, the other one finds that
            // very check in the shared database and shares its output in the thread
            java.util.regex.Matcher raw =
                    Pattern.compile("\"action_id\":\"(raw:[A-Za-z0-9_-]+)\"").matcher(g.blocks());
            assertTrue(raw.find(), g.blocks());
            for (int port : List.of(BOT, BOT2)) {
                assertEquals(
                        200,
                        slack.click(
                                URI.create("http://127.0.0.1:" + port),
                                "lab-secret",
                                "CGRAFANALAB",
                                raw.group(1),
                                "UONCALL",
                                g.ts()));
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                long before = port == BOT ? 0 : 1;
                while (slack.files("CGRAFANALAB", g.ts()) <= before && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                assertEquals(
                        before + 1, slack.files("CGRAFANALAB", g.ts()), "raw output shared by the replica on " + port);
            }
            assertTrue(
                    slack.awaitFile("CGRAFANALAB", g.ts(), Duration.ofSeconds(5))
                            .contains("### saved"),
                    "the kept check's raw output");

            List<Long> sinceNotification = new ArrayList<>();
            for (String log : List.of("alerts-lab-bot1.log", "alerts-lab-bot2.log")) {
                Matcher m = POSTED.matcher(Files.readString(LOGS.resolve(log)));
                while (m.find()) {
                    sinceNotification.add(Long.parseLong(m.group(1)));
                }
            }
            String summary = "alerts lab: " + ROUNDS + " rounds; Alertmanager notification to findings in Slack, ms: "
                    + sorted(sinceNotification)
                    + " (median " + median(sinceNotification)
                    + "); lab.sh breaking php-fpm (it restarts nginx and php-fpm, sleeps 2 s, sends traffic) to findings, ms: "
                    + sorted(sinceBreak) + " (median "
                    + median(sinceBreak) + "); repeats de-duplicated: " + repeats + "; top-level messages in " + CHANNEL
                    + ": "
                    + topLevel(slack, CHANNEL).size();
            System.out.println(summary);
            Files.writeString(LOGS.resolve("alerts-lab-summary.txt"), summary + "\n");
        } finally {
            for (Process p : started) {
                p.destroy();
            }
            for (Process p : started) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            lab("down");
        }
    }

    /** Waits for a message; on a timeout, says what the channel got instead. */
    private static SlackRecorder.Message await(
            SlackRecorder slack, java.util.function.Predicate<SlackRecorder.Message> match) throws Exception {
        try {
            return slack.await(match, Duration.ofSeconds(120));
        } catch (AssertionError e) {
            StringBuilder got = new StringBuilder(e.getMessage())
                    .append("; in ")
                    .append(CHANNEL)
                    .append(':');
            for (String method : List.of("chat.postMessage", "chat.update")) {
                slack.messages(method, CHANNEL)
                        .forEach(m -> got.append("\n  ")
                                .append(m.method())
                                .append(' ')
                                .append(m.ts())
                                .append(' ')
                                .append(m.text())
                                .append("\n    ")
                                .append(m.blocks()));
            }
            throw new AssertionError(got.toString(), e);
        }
    }

    private static List<SlackRecorder.Message> topLevel(SlackRecorder slack, String channel) {
        return slack.messages("chat.postMessage", channel).stream()
                .filter(m -> m.threadTs().isEmpty())
                .toList();
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    private static long median(List<Long> values) {
        List<Long> s = sorted(values);
        return s.isEmpty()
                ? -1
                : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    /** {@code fiveohtwo_alerts_total{outcome}} over both replicas. */
    private double counter(String outcome) throws Exception {
        double sum = 0;
        Pattern line = Pattern.compile(
                "^fiveohtwo_alerts_total\\{outcome=\"" + outcome + "\"[^}]*\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        for (int port : List.of(BOT, BOT2)) {
            String text = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = line.matcher(text);
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
        }
        return sum;
    }

    private void lab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("deploy/lab/lab.sh"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        LOGS.resolve("alerts-lab-lab.log").toFile()));
        pb.environment()
                .putAll(Map.of(
                        "FIVEOHTWO_LAB_DIR",
                        LAB.toString(),
                        "FIVEOHTWO_LAB_SSH_PORT",
                        String.valueOf(SSH),
                        "FIVEOHTWO_LAB_HTTP_PORT",
                        String.valueOf(HTTP),
                        "FIVEOHTWO_LAB_APP_PORT",
                        String.valueOf(APP)));
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "lab.sh " + String.join(" ", args) + " did not finish");
        assertEquals(0, p.exitValue(), "lab.sh " + String.join(" ", args) + " failed; see target/alerts-lab-lab.log");
    }

    private Process bot(int port, SlackRecorder slack, String db, String log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        "target/fiveohtwo.jar",
                        "serve")
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(log).toFile());
        Map<String, String> env = pb.environment();
        env.remove("SLACK_APP_TOKEN");
        env.put("SLACK_BOT_TOKEN", "xoxb-lab");
        env.put("SLACK_SIGNING_SECRET", "lab-secret");
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("FIVEOHTWO_INVENTORY", LAB.resolve("inventory.yml").toString());
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        env.put("DATASOURCES_DEFAULT_URL", db);
        env.put("DATASOURCES_DEFAULT_DRIVER_CLASS_NAME", "org.postgresql.Driver");
        env.put("DATASOURCES_DEFAULT_USERNAME", "fiveohtwo");
        env.put("DATASOURCES_DEFAULT_PASSWORD", "fiveohtwo");
        env.put("FIVEOHTWO_ALERTS_TOKEN", TOKEN);
        env.put("FIVEOHTWO_ALERTS_CHANNEL", CHANNEL);
        // repeats only count: the message is never re-checked within a round
        env.put("FIVEOHTWO_ALERTS_RECHECK_AFTER", "1h");
        // the front flaps while lab.sh restarts it, within seconds; the rounds are further apart
        env.put("FIVEOHTWO_ALERTS_REOPEN_AFTER", "10s");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** blackbox_exporter, Prometheus and Alertmanager, with their data under the lab folder. */
    private void monitors(String front) throws IOException {
        Path dir = Files.createDirectories(LAB.resolve("monitors"));
        Files.writeString(
                dir.resolve("blackbox.yml"),
                String.join(
                        "\n",
                        "modules:",
                        "  http_front:",
                        "    prober: http",
                        "    timeout: 2s",
                        "    http: { preferred_ip_protocol: ip4, follow_redirects: false }",
                        ""));
        Files.writeString(
                dir.resolve("rules.yml"),
                String.join(
                        "\n",
                        "groups:",
                        "  - name: fiveohtwo-lab",
                        "    rules:",
                        "      - alert: FrontAnswers502",
                        "        expr: probe_http_status_code == 502",
                        "        annotations: { summary: \"{{ $labels.instance }} answers 502 Bad Gateway\" }",
                        ""));
        Files.writeString(
                dir.resolve("prometheus.yml"),
                String.join(
                        "\n",
                        "global: { scrape_interval: 1s, evaluation_interval: 1s }",
                        "rule_files: [" + dir.resolve("rules.yml") + "]",
                        "alerting:",
                        "  alertmanagers:",
                        "    - static_configs: [{ targets: [\"127.0.0.1:" + ALERTMANAGER + "\"] }]",
                        "scrape_configs:",
                        "  - job_name: fronts",
                        "    metrics_path: /probe",
                        "    params: { module: [http_front] }",
                        "    static_configs: [{ targets: [\"" + front + "\"] }]",
                        "    relabel_configs:",
                        "      - { source_labels: [__address__], target_label: __param_target }",
                        "      - { source_labels: [__param_target], target_label: instance }",
                        "      - { target_label: __address__, replacement: \"127.0.0.1:" + BLACKBOX + "\" }",
                        ""));
        StringBuilder receivers = new StringBuilder();
        for (int port : List.of(BOT, BOT2)) {
            receivers
                    .append("      - url: http://127.0.0.1:")
                    .append(port)
                    .append("/hooks/alertmanager\n")
                    .append("        send_resolved: true\n")
                    .append("        http_config: { authorization: { type: Bearer, credentials: ")
                    .append(TOKEN)
                    .append(" } }\n");
        }
        Files.writeString(
                dir.resolve("alertmanager.yml"),
                "route:\n  receiver: fiveohtwo\n  group_by: [alertname, instance]\n"
                        + "  group_wait: 1s\n  group_interval: 1s\n  repeat_interval: 3s\nreceivers:\n  - name: fiveohtwo\n    webhook_configs:\n"
                        + receivers);
        daemon(
                "alerts-lab-blackbox.log",
                "prometheus-blackbox-exporter",
                "--config.file=" + dir.resolve("blackbox.yml"),
                "--web.listen-address=127.0.0.1:" + BLACKBOX);
        daemon(
                "alerts-lab-alertmanager.log",
                "prometheus-alertmanager",
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + Files.createDirectories(dir.resolve("alertmanager-data")),
                "--web.listen-address=127.0.0.1:" + ALERTMANAGER,
                "--cluster.listen-address=");
        daemon(
                "alerts-lab-prometheus.log",
                "prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prometheus-data")),
                "--web.listen-address=127.0.0.1:" + PROMETHEUS,
                "--rules.alert.resend-delay=1s");
    }

    private void daemon(String log, String... command) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(log).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        started.add(p);
    }

    /** Until the probe sees 200 and Alertmanager holds no active alert. */
    private void awaitQuiet() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String probe = "";
        String alerts = "";
        while (System.nanoTime() < end) {
            probe = get("http://127.0.0.1:" + PROMETHEUS + "/api/v1/query?query=probe_http_status_code");
            alerts = get("http://127.0.0.1:" + ALERTMANAGER + "/api/v2/alerts?active=true")
                    .strip();
            if (probe.contains("\"200\"") && alerts.equals("[]")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the lab never got quiet: probe " + probe + "; alerts " + alerts);
    }

    private String get(String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private void awaitUp(String url, Process process) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError(url + ": the process ended; see target/alerts-lab-*.log");
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError(url + " never answered 200; see target/alerts-lab-*.log");
    }
}
