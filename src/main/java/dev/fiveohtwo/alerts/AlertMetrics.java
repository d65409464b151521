package dev.fiveohtwo.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code fiveohtwo_alerts_total{outcome}}: every alert received, matched, unmatched, de-duplicated, re-checked or
 * resolved; {@code fiveohtwo_alert_notifications_total{outcome}}: notifications accepted or refused and why;
 * {@code fiveohtwo_alert_findings_seconds}: from a notification's arrival to its findings in Slack.
 */
@Singleton
final class AlertMetrics {
    private final MeterRegistry registry;
    private final Timer toFindings;

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.toFindings = Timer.builder("fiveohtwo.alert.findings")
                .description("from an alert notification to its findings in Slack")
                .publishPercentileHistogram()
                .register(registry);
    }

    void alert(String outcome) {
        Counter.builder("fiveohtwo.alerts")
                .description("alerts by what became of them")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void notification(String outcome) {
        Counter.builder("fiveohtwo.alert.notifications")
                .description("alert notifications by how they were answered")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void findings(Duration took) {
        toFindings.record(took);
    }
}
