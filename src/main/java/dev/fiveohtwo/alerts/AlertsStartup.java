package dev.fiveohtwo.alerts;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says at start-up whether the alert hooks are on, so that a missing token is not found out during an incident. */
@Singleton
@Requires(env = "bot")
final class AlertsStartup {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsStartup.class);
    private final AlertSettings settings;

    AlertsStartup(AlertSettings settings) {
        this.settings = settings;
    }

    @EventListener
    void started(ServerStartupEvent e) {
        if (!settings.enabled()) {
            LOG.info("alerts are off: set FIVEOHTWO_ALERTS_TOKEN to accept POST /hooks/alertmanager and /hooks/check");
        } else if (settings.channel() == null || settings.channel().isBlank()) {
            LOG.warn(
                    "alerts are on, but FIVEOHTWO_ALERTS_CHANNEL is not set: only alerts with a fiveohtwo_channel label are posted");
        } else {
            LOG.info("alerts are on: POST /hooks/alertmanager and /hooks/check post to {}", settings.channel());
        }
    }
}
