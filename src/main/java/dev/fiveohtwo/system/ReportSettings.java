package dev.fiveohtwo.system;

import dev.fiveohtwo.reports.Retention;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code fiveohtwo.reports.*} in application.yml: how long kept checks last, for the bot and the CLI alike.
 *
 * @param keep      checks older than this are deleted
 * @param perServer the newest this many checks of each server are kept
 */
@ConfigurationProperties("fiveohtwo.reports")
public record ReportSettings(
        @Bindable(defaultValue = "14d") Duration keep,
        @Bindable(defaultValue = "200") int perServer) {

    public Retention retention() {
        return new Retention(keep, perServer);
    }
}
