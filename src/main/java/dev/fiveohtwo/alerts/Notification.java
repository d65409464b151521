package dev.fiveohtwo.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook payload, version 4; Grafana's webhook contact point sends the same shape with more
 * fields, which are ignored. Every field may be missing: {@link AlertsController} decides what is required.
 */
@Serdeable
record Notification(
        @Nullable String version,
        @Nullable String groupKey,
        @Nullable String status,
        @Nullable String receiver,
        @Nullable Map<String, String> groupLabels,
        @Nullable Map<String, String> commonLabels,
        @Nullable Map<String, String> commonAnnotations,
        @Nullable String externalURL,
        @Nullable List<Alert> alerts) {

    /** One alert of a notification. {@code startsAt} and {@code endsAt} are RFC 3339 text as sent. */
    @Serdeable
    record Alert(
            @Nullable String status,
            @Nullable Map<String, String> labels,
            @Nullable Map<String, String> annotations,
            @Nullable String startsAt,
            @Nullable String endsAt,
            @Nullable String generatorURL,
            @Nullable String fingerprint) {

        boolean firing() {
            return "firing".equals(status);
        }

        Map<String, String> labelMap() {
            return labels == null ? Map.of() : labels;
        }

        String label(String name) {
            return labelMap().get(name);
        }

        String annotation(String name) {
            return annotations == null ? null : annotations.get(name);
        }
    }
}
