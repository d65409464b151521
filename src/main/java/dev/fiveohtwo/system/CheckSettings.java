package dev.fiveohtwo.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * {@code fiveohtwo.checks.*} and {@code fiveohtwo.knowledge.*} in application.yml.
 *
 * @param logLines    lines read from the end of each log
 * @param parallelism servers checked at once for a group
 * @param recency     log lines older than this count less
 */
@ConfigurationProperties("fiveohtwo.checks")
public record CheckSettings(@Bindable(defaultValue = "300") int logLines,
                            @Bindable(defaultValue = "16") int parallelism,
                            @Bindable(defaultValue = "30m") Duration recency) {
}
