package dev.fiveohtwo.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration in code: text lines on stderr at {@code FIVEOHTWO_LOG_LEVEL} (default WARN; {@code serve}
 * sets INFO). Parsing a logback.xml costs a short command about 300 classes and a tenth of a second of CPU.
 * {@code FIVEOHTWO_LOG_FORMAT=json} (logback-json.xml) or {@code -Dlogback.configurationFile} still go through
 * logback's XML configurator.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogs extends ContextAwareBase implements Configurator {
    // a message is one line: a newline inside it (a library logging what a client sent) is shown as \n
    static final String PATTERN =
            "%d{HH:mm:ss.SSS} %-5level %logger{24} %X{request:-} - %replace(%msg){'\\n', '\\\\n'}%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = level();
        root.setLevel(level);
        root.addAppender(stderr);
        // it logs a whole request body it cannot route; the Slack endpoint logs one line per cause instead
        context.getLogger("com.slack.api.bolt.util.SlackRequestParser").setLevel(Level.ERROR);
        if (level.isGreaterOrEqual(Level.INFO)) {
            // Micronaut's start-up lines (active environments) would wrap even 'serve --help' in INFO lines
            context.getLogger("io.micronaut.context").setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As logback.xml's {@code ${FIVEOHTWO_LOG_LEVEL:-WARN}} did: a system property first, then the environment. */
    static Level level() {
        String name = System.getProperty("FIVEOHTWO_LOG_LEVEL", System.getenv("FIVEOHTWO_LOG_LEVEL"));
        return Level.toLevel(name, Level.WARN);
    }
}
