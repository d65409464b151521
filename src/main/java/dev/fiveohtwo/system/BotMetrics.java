package dev.fiveohtwo.system;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.triage.Report;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The bot's Prometheus metrics (scraped at {@code /prometheus}):
 * {@code fiveohtwo_checks_total{server,verdict}}, {@code fiveohtwo_check_duration_seconds} (histogram),
 * {@code fiveohtwo_findings_total{article}}, {@code fiveohtwo_restarts_total{outcome}},
 * {@code fiveohtwo_slack_ack_seconds} (histogram), {@code fiveohtwo_ssh_failures_total{reason}},
 * {@code fiveohtwo_slack_delivery_failures_total{method}}.
 */
@Singleton
public final class BotMetrics {
    private final MeterRegistry registry;
    private final Timer checkDuration;
    private final Timer ackLatency;

    BotMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.checkDuration = Timer.builder("fiveohtwo.check.duration")
                .description("time to check one server")
                .publishPercentileHistogram()
                .register(registry);
        this.ackLatency = Timer.builder("fiveohtwo.slack.ack")
                .description("time from a Slack request to its acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** One finished check: its verdict, duration, findings and, when unreachable, the SSH failure class. */
    public void checked(Report r) {
        Counter.builder("fiveohtwo.checks")
                .tag("server", r.server())
                .tag("verdict", r.verdict().id())
                .register(registry)
                .increment();
        checkDuration.record(Duration.ofMillis(r.durationMs()));
        for (Finding f : r.findings()) {
            if (r.reachable()) {
                Counter.builder("fiveohtwo.findings")
                        .tag("article", f.id())
                        .register(registry)
                        .increment();
            } else {
                Counter.builder("fiveohtwo.ssh.failures")
                        .tag("reason", f.id())
                        .register(registry)
                        .increment();
            }
        }
    }

    public void restarted(String outcome) {
        Counter.builder("fiveohtwo.restarts")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void acked(Duration took) {
        ackLatency.record(took);
    }

    /** A message Slack never got, after the retries: {@code method} is chat.postMessage, chat.update or response_url. */
    public void deliveryFailed(String method) {
        Counter.builder("fiveohtwo.slack.delivery.failures")
                .description("messages that could not be delivered to Slack")
                .tag("method", method)
                .register(registry)
                .increment();
    }
}
