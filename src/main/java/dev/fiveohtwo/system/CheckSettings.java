package dev.fiveohtwo.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code fiveohtwo.checks.*} and {@code fiveohtwo.knowledge.*} in application.yml.
 *
 * @param logLines    lines read from the end of each log
 * @param parallelism servers checked at once for a group; 0 sizes it to the group (see {@code Triage.poolSize})
 * @param recency     log lines older than this count less
 */
@ConfigurationProperties("fiveohtwo.checks")
public record CheckSettings(
        @Bindable(defaultValue = "300") int logLines,
        @Bindable(defaultValue = "0") int parallelism,
        @Bindable(defaultValue = "30m") Duration recency) {}
