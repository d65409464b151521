package dev.fiveohtwo.alerts;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.slack.SlackAlerts;
import dev.fiveohtwo.system.Printable;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import dev.fiveohtwo.triage.TriageListener;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns notifications into checks and messages, off the HTTP thread on a bounded queue: a firing alert posts
 * one message per incident, a repeat re-checks only when the last check is old, a resolved alert gets one
 * confirming re-check, and a notification about more servers than {@link AlertSettings#stormServers()} becomes
 * one group summary with the details in its thread.
 */
@Singleton
@Bean(preDestroy = "close")
final class AlertChecks {
    private static final Logger LOG = LoggerFactory.getLogger(AlertChecks.class);
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,20}");
    /** Marks the incident rows of alerts a storm summary covers: they have no message of their own to update. */
    private static final String COVERED = "storm:";

    private final AlertSettings settings;
    private final AlertTargets targets;
    private final Incidents incidents;
    private final Triage triage;
    private final SlackAlerts slack;
    private final Audit audit;
    private final AlertMetrics metrics;
    private final ThreadPoolExecutor pool;

    AlertChecks(
            AlertSettings settings,
            AlertTargets targets,
            Incidents incidents,
            Triage triage,
            SlackAlerts slack,
            Audit audit,
            AlertMetrics metrics) {
        this.settings = settings;
        this.targets = targets;
        this.incidents = incidents;
        this.triage = triage;
        this.slack = slack;
        this.audit = audit;
        this.metrics = metrics;
        AtomicInteger n = new AtomicInteger();
        int workers = Math.max(1, settings.workers());
        this.pool = new ThreadPoolExecutor(
                workers, workers, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, settings.queue())), r -> {
                    Thread t = new Thread(r, "fiveohtwo-alerts-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues a notification; false when the queue is full (the caller answers 503). */
    boolean submit(Notification n, String actor) {
        long received = System.nanoTime();
        return queue(() -> handle(n, actor, received));
    }

    /** Queues a check a monitor asked for; false when the queue is full. */
    boolean submit(List<Server> servers, String target, String channel, String reason, String actor) {
        long received = System.nanoTime();
        return queue(() -> requested(servers, target, channel, reason, actor, received));
    }

    private boolean queue(Runnable work) {
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // a database or Slack outage: logged once per notification, without what the monitor sent
                    LOG.warn("an alert notification failed: {}", e.getClass().getSimpleName(), e);
                    metrics.notification("failed");
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** The channel of an alert: its {@code fiveohtwo_channel} label when that is a channel id, else the configured one. */
    Optional<String> channel(Map<String, String> labels) {
        String own = labels.get("fiveohtwo_channel");
        if (own != null && CHANNEL.matcher(own).matches()) {
            return Optional.of(own);
        }
        return Optional.ofNullable(settings.channel())
                .filter(c -> CHANNEL.matcher(c).matches());
    }

    private record Mapped(Notification.Alert alert, AlertTargets.Match match) {}

    private void handle(Notification n, String actor, long received) {
        List<Mapped> firing = new ArrayList<>();
        List<Mapped> resolved = new ArrayList<>();
        for (Notification.Alert a : n.alerts()) {
            metrics.alert("received");
            Mapped m = new Mapped(a, targets.match(a.labelMap()));
            (a.firing() ? firing : resolved).add(m);
        }
        Set<Server> servers = new LinkedHashSet<>();
        firing.forEach(m -> {
            if (m.match() instanceof AlertTargets.Servers s) {
                servers.addAll(s.servers());
            }
        });
        if (servers.size() > settings.stormServers()) {
            storm(n, firing, List.copyOf(servers), actor, received);
        } else {
            firing.forEach(m -> fire(m, actor, received));
        }
        resolved.forEach(m -> resolved(m, actor));
        if ("resolved".equals(n.status())) {
            stormResolved(n, actor);
        }
    }

    private void fire(Mapped m, String actor, long received) {
        Notification.Alert a = m.alert();
        Optional<String> channel = channel(a.labelMap());
        String name = alertName(a);
        if (channel.isEmpty()) {
            refused(actor, name, "no-channel");
            return;
        }
        if (!(m.match() instanceof AlertTargets.Servers s)) {
            unmatched(a, channel.get(), actor);
            return;
        }
        metrics.alert("matched");
        String key = key(a);
        String target = target(s.servers());
        if (incidents.claimOrReopen(key, channel.get(), settings.reopenAfter())) {
            audit(actor, channel.get(), s.servers(), name, "firing, matched by " + s.by());
            post(key, channel.get(), heading(a), target, s.servers(), received);
            return;
        }
        metrics.alert("deduplicated");
        boolean flapped = incidents.refire(key);
        audit(actor, channel.get(), s.servers(), name, flapped ? "firing again, re-checked" : "repeat, de-duplicated");
        if (flapped || incidents.recheck(key, settings.recheckAfter())) {
            Optional<Incident> i = incidents.find(key);
            if (i.isPresent()
                    && i.get().messageTs() != null
                    && !i.get().messageTs().startsWith(COVERED)) {
                metrics.alert("rechecked");
                List<Report> reports = check(s.servers());
                slack.findings(
                        new SlackAlerts.Message(i.get().channelId(), i.get().messageTs()),
                        heading(a)
                                .with(
                                        flapped ? SlackAlerts.State.FIRING : SlackAlerts.State.STILL_FIRING,
                                        incidents.now(),
                                        null),
                        target,
                        reports,
                        false);
                LOG.info(
                        "alert {}: findings for {} updated {} ms after the notification arrived",
                        Printable.line(name),
                        Printable.line(target),
                        Duration.ofNanos(System.nanoTime() - received).toMillis());
            }
        }
    }

    /** Posts the first message of an incident and shows its findings there; then, if it resolved meanwhile, says so. */
    private void post(
            String key, String channel, SlackAlerts.Heading h, String target, List<Server> servers, long received) {
        Optional<SlackAlerts.Message> m =
                slack.checking(channel, h.with(SlackAlerts.State.CHECKING, null, null), target);
        if (m.isEmpty()) {
            return;
        }
        incidents.posted(key, m.get().ts());
        List<Report> reports = check(servers);
        slack.findings(m.get(), h.with(SlackAlerts.State.FIRING, incidents.now(), null), target, reports, true);
        Duration took = Duration.ofNanos(System.nanoTime() - received);
        metrics.findings(took);
        LOG.info(
                "alert {}: findings for {} posted {} ms after the notification arrived",
                Printable.line(h.alert()),
                Printable.line(target),
                took.toMillis());
        Optional<Incident> now = incidents.find(key);
        if (now.isPresent() && now.get().resolvedAt() != null) {
            slack.findings(
                    m.get(),
                    h.with(
                            SlackAlerts.State.RESOLVED,
                            incidents.now(),
                            now.get().resolvedAt()),
                    target,
                    check(servers),
                    false);
        }
    }

    private void resolved(Mapped m, String actor) {
        Notification.Alert a = m.alert();
        String key = key(a);
        if (!incidents.resolve(key)) {
            metrics.alert("deduplicated");
            return;
        }
        metrics.alert("resolved");
        Optional<Incident> i = incidents.find(key);
        if (i.isEmpty()
                || i.get().messageTs() == null
                || i.get().messageTs().startsWith(COVERED)
                || !(m.match() instanceof AlertTargets.Servers s)) {
            // no message yet: the one posting it sees the resolution when its check is done
            return;
        }
        audit(actor, i.get().channelId(), s.servers(), alertName(a), "resolved, re-checked");
        List<Report> reports = check(s.servers());
        slack.findings(
                new SlackAlerts.Message(i.get().channelId(), i.get().messageTs()),
                heading(a)
                        .with(
                                SlackAlerts.State.RESOLVED,
                                incidents.now(),
                                Optional.ofNullable(instant(a.endsAt()))
                                        .orElse(i.get().resolvedAt())),
                target(s.servers()),
                reports,
                false);
    }

    private void storm(Notification n, List<Mapped> firing, List<Server> servers, String actor, long received) {
        Map<String, String> common = n.commonLabels() == null ? Map.of() : n.commonLabels();
        Optional<String> channel = channel(common);
        String name = common.getOrDefault("alertname", firing.size() + " alerts");
        if (channel.isEmpty()) {
            refused(actor, name, "no-channel");
            return;
        }
        String key = stormKey(n);
        if (!incidents.claimOrReopen(key, channel.get(), Duration.ZERO)) {
            firing.forEach(m -> metrics.alert("deduplicated"));
            return;
        }
        metrics.alert("storm");
        audit(
                actor,
                channel.get(),
                servers,
                name,
                "storm: " + firing.size() + " alerts on " + servers.size() + " servers");
        Instant start = firing.stream()
                .map(m -> instant(m.alert().startsAt()))
                .filter(i -> i != null)
                .min(Instant::compareTo)
                .orElse(null);
        String summary = firing.size() + " alerts on " + servers.size() + " servers";
        SlackAlerts.Heading h = new SlackAlerts.Heading(
                name, summary, start, firing.get(0).alert().generatorURL(), SlackAlerts.State.CHECKING, null, null);
        Optional<SlackAlerts.Message> m = slack.checking(channel.get(), h, servers.size() + " servers");
        if (m.isEmpty()) {
            return;
        }
        incidents.posted(key, m.get().ts());
        for (Mapped f : firing) {
            if (f.match() instanceof AlertTargets.Servers && incidents.claim(key(f.alert()), channel.get())) {
                incidents.posted(key(f.alert()), COVERED + m.get().ts());
            }
        }
        slack.findings(
                m.get(),
                h.with(SlackAlerts.State.FIRING, incidents.now(), null),
                servers.size() + " servers",
                check(servers),
                true);
        metrics.findings(Duration.ofNanos(System.nanoTime() - received));
    }

    /** A resolved group that was a storm: its summary says so, after one re-check. */
    private void stormResolved(Notification n, String actor) {
        String key = stormKey(n);
        Optional<Incident> i = incidents.find(key);
        if (i.isEmpty() || i.get().messageTs() == null || !incidents.resolve(key)) {
            return;
        }
        List<Server> servers = new ArrayList<>(new LinkedHashSet<>(n.alerts().stream()
                .map(a -> targets.match(a.labelMap()))
                .filter(m -> m instanceof AlertTargets.Servers)
                .flatMap(m -> ((AlertTargets.Servers) m).servers().stream())
                .toList()));
        Map<String, String> common = n.commonLabels() == null ? Map.of() : n.commonLabels();
        String name = common.getOrDefault("alertname", n.alerts().size() + " alerts");
        audit(actor, i.get().channelId(), servers, name, "storm resolved, re-checked");
        Instant start = n.alerts().stream()
                .map(a -> instant(a.startsAt()))
                .filter(x -> x != null)
                .min(Instant::compareTo)
                .orElse(null);
        SlackAlerts.Heading h = new SlackAlerts.Heading(
                name,
                n.alerts().size() + " alerts on " + servers.size() + " servers",
                start,
                n.alerts().get(0).generatorURL(),
                SlackAlerts.State.RESOLVED,
                incidents.now(),
                incidents.find(key).map(Incident::resolvedAt).orElse(null));
        if (!servers.isEmpty()) {
            slack.findings(
                    new SlackAlerts.Message(i.get().channelId(), i.get().messageTs()),
                    h,
                    servers.size() + " servers",
                    check(servers),
                    false);
        }
    }

    /** One message per channel per {@link AlertSettings#unmatchedEvery()}, on all replicas together. */
    private void unmatched(Notification.Alert a, String channel, String actor) {
        metrics.alert("unmatched");
        audit.record(actor, channel, "alert", "-", cut(alertName(a)), "matched no server");
        long window = incidents.now().getEpochSecond()
                / Math.max(1, settings.unmatchedEvery().toSeconds());
        if (incidents.claim("unmatched:" + channel + "@" + window, channel)) {
            slack.unmatched(channel, alertName(a), new TreeMap<>(a.labelMap()));
        }
    }

    private void requested(
            List<Server> servers, String target, String channel, String reason, String actor, long received) {
        long window = incidents.now().getEpochSecond()
                / Math.max(1, settings.recheckAfter().toSeconds());
        String key = "check:" + Incidents.sha256(target + "\n" + channel + "\n" + reason) + "@" + window;
        metrics.alert("received");
        if (!incidents.claim(key, channel)) {
            metrics.alert("deduplicated");
            return;
        }
        metrics.alert("matched");
        audit(actor, channel, servers, "check " + target + ": " + reason, "check requested");
        post(
                key,
                channel,
                new SlackAlerts.Heading(
                        "Check requested", reason, incidents.now(), null, SlackAlerts.State.CHECKING, null, null),
                target,
                servers,
                received);
    }

    private List<Report> check(List<Server> servers) {
        return triage.checkAll(servers, new TriageListener() {});
    }

    private void refused(String actor, String alert, String why) {
        metrics.alert("refused");
        audit.record(actor, null, "alert", "-", cut(alert), "refused: " + why);
        LOG.warn(
                "alert {} refused: {} (set FIVEOHTWO_ALERTS_CHANNEL or a fiveohtwo_channel label)",
                Printable.line(alert),
                why);
    }

    private void audit(String actor, String channel, List<Server> servers, String alert, String outcome) {
        for (Server s : servers) {
            audit.record(actor, channel, "alert", s.name(), cut(alert), outcome);
        }
    }

    private static String cut(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    static String alertName(Notification.Alert a) {
        String name = a.label("alertname");
        return name == null || name.isBlank() ? "alert" : name;
    }

    private static SlackAlerts.Heading heading(Notification.Alert a) {
        String summary = Optional.ofNullable(a.annotation("summary"))
                .or(() -> Optional.ofNullable(a.annotation("description")))
                .orElse("");
        return new SlackAlerts.Heading(
                alertName(a), summary, instant(a.startsAt()), a.generatorURL(), SlackAlerts.State.CHECKING, null, null);
    }

    /**
     * One alert: its fingerprint or, when a sender has none, the hash of its labels. Not its start: an alert that
     * flaps starts anew each time, and is still one incident (see {@link AlertSettings#reopenAfter()}).
     */
    static String key(Notification.Alert a) {
        String fingerprint = a.fingerprint() != null && a.fingerprint().matches("[A-Za-z0-9]{1,64}")
                ? a.fingerprint()
                : Incidents.sha256(new TreeMap<>(a.labelMap()).toString());
        return "alert:" + fingerprint;
    }

    private static String stormKey(Notification n) {
        String group = n.groupKey() != null ? n.groupKey() : String.valueOf(n.commonLabels());
        return "storm:" + Incidents.sha256(group);
    }

    static Instant instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.startsWith("0001-")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String target(List<Server> servers) {
        if (servers.size() == 1) {
            return servers.get(0).name();
        }
        Map<String, Long> shared = new LinkedHashMap<>();
        servers.forEach(s -> s.groups().forEach(g -> shared.merge(g, 1L, Long::sum)));
        return shared.entrySet().stream()
                .filter(e -> e.getValue() == servers.size())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(servers.size() + " servers");
    }

    /** Stops taking work and waits up to 30 s for running checks. */
    void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
