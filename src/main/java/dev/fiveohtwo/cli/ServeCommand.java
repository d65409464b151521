package dev.fiveohtwo.cli;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.slack.SlackBot;
import dev.fiveohtwo.slack.SlackSettings;
import dev.fiveohtwo.slack.SlackTokenCheck;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code fiveohtwo serve}: runs the Slack bot. Socket Mode when {@code SLACK_APP_TOKEN} is set (no public URL
 * needed), else HTTP on {@code POST /slack/events}. {@code GET /health} answers in both modes.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the Slack bot (Socket Mode or HTTP).",
        footerHeading = "%nSettings (environment variables; secrets only from the environment):%n",
        footer = {
            "  SLACK_BOT_TOKEN", "      bot token, xoxb-... (required)",
            "  SLACK_SIGNING_SECRET", "      verifies HTTP requests (required unless SLACK_APP_TOKEN is set)",
            "  SLACK_APP_TOKEN", "      app-level token, xapp-...: Socket Mode (default: unset, HTTP mode)",
            "  SLACK_API_URL", "      Web API base URL (default: https://slack.com/api/)",
            "  FIVEOHTWO_PORT", "      port of /slack/events and /health (default: 8502)",
            "  FIVEOHTWO_INVENTORY", "      inventory file (default: ./inventory.yml, else built-in localhost)",
            "  FIVEOHTWO_KNOWLEDGE", "      extra article folders, ':'-separated (default: none)",
            "  FIVEOHTWO_SLACK_CHANNELS", "      channel ids where /502 check runs (default: every channel)",
            "  FIVEOHTWO_SLACK_WORKERS", "      checks run at once after the ack (default: 8)",
            "  FIVEOHTWO_SLACK_PROGRESS_EVERY", "      how often a slow check's message shows progress (default: 2s)",
            "  FIVEOHTWO_ALERTS_TOKEN",
                    "      bearer token of POST /hooks/alertmanager and /hooks/check (default: unset, hooks off)",
            "  FIVEOHTWO_ALERTS_CHANNEL", "      channel id where alert-started findings go (default: unset)",
            "  FIVEOHTWO_ALERTS_RECHECK_AFTER",
                    "      a repeated alert re-checks when the last check is older (default: 5m)",
            "  FIVEOHTWO_ALERTS_STORM_SERVERS",
                    "      more servers in one notification: one group summary (default: 5)",
            "  FIVEOHTWO_ALERTS_QUEUE", "      notifications waiting; one more is answered 503 (default: 20)",
            "  FIVEOHTWO_ALERTS_WORKERS", "      notifications handled at once (default: 2)",
            "  FIVEOHTWO_ALERTS_REOPEN_AFTER",
                    "      an alert firing again after this long gets a new message (default: 5m)",
            "  FIVEOHTWO_ALERTS_UNMATCHED_EVERY",
                    "      at most one 'matched no server' message per channel this often (default: 10m)",
            "  FIVEOHTWO_CHECKS_LOG_LINES", "      lines read from the end of each log (default: 300)",
            "  FIVEOHTWO_CHECKS_PARALLELISM", "      servers checked at once for a group (default: 16)",
            "  FIVEOHTWO_CHECKS_RECENCY", "      log lines older than this count less (default: 30m)",
            "  FIVEOHTWO_REMEDIATION_APPROVERS",
                    "      user (U...) and group (S...) ids who may approve (default: none)",
            "  FIVEOHTWO_REMEDIATION_TWO_PERSON", "      requesters cannot approve their own restart (default: true)",
            "  FIVEOHTWO_REMEDIATION_EXPIRY", "      an offer or request older than this is refused (default: 15m)",
            "  FIVEOHTWO_REMEDIATION_COOLDOWN_RESTARTS", "      restarts of one service per window (default: 3)",
            "  FIVEOHTWO_REMEDIATION_COOLDOWN_WINDOW", "      the window of that limit (default: 10m)",
            "  FIVEOHTWO_REMEDIATION_CHANNELS",
                    "      channel ids where restarts may be asked (default: every channel)",
            "  FIVEOHTWO_REMEDIATION_DRY_RUN", "      say what would run, run nothing (default: false)",
            "  FIVEOHTWO_REMEDIATION_COMMAND_TIMEOUT", "      deadline of the restart command (default: 60s)",
            "  FIVEOHTWO_LOG_LEVEL", "      log level (default: INFO)",
            "  FIVEOHTWO_LOG_FORMAT", "      json: one JSON object per line (default: text)",
            "  DATASOURCES_DEFAULT_URL", "      database (default: jdbc:h2:file:./data/fiveohtwo; PostgreSQL: README)"
        })
final class ServeCommand implements Callable<Integer> {
    @Inject
    ApplicationContext context;

    @Override
    public Integer call() throws Exception {
        SlackSettings settings = context.getBean(SlackSettings.class);
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("fiveohtwo: " + p));
            return ExitCodes.USAGE;
        }
        // before anything else talks to Slack: an unreachable API and a refused token each get their own one line
        java.util.Optional<String> slack = SlackTokenCheck.problem(settings);
        if (slack.isPresent()) {
            System.err.println("fiveohtwo: " + slack.get());
            return ExitCodes.USAGE;
        }
        SlackBot bot;
        try {
            Inventory inventory = context.getBean(Inventory.class);
            KnowledgeBase kb = context.getBean(KnowledgeBase.class);
            bot = context.getBean(SlackBot.class);
            System.err.println("fiveohtwo: " + inventory.servers().size() + " servers from " + inventory.source() + ", "
                    + kb.articles().size() + " articles");
            // the bot serves the others; these are answered as unreachable, with the same words, until fixed
            inventory
                    .servers()
                    .values()
                    .forEach(s -> s.unusable()
                            .ifPresent(u -> System.err.println("fiveohtwo: " + s.name() + " cannot be checked: "
                                    + u.message() + " (fiveohtwo inventory validate lists every problem)")));
        } catch (BeanInstantiationException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("fiveohtwo: cannot start: " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            bot.app().start();
        } catch (Exception e) {
            System.err.println("fiveohtwo: Slack start-up failed: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        bot.recover();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        try {
            server.start();
        } catch (RuntimeException e) {
            if (!causedBy(e, BindException.class)) {
                throw e;
            }
            System.err.println("fiveohtwo: port " + server.getPort()
                    + " is in use; set FIVEOHTWO_PORT (or MICRONAUT_SERVER_PORT) to a free port");
            bot.close();
            return ExitCodes.USAGE;
        }
        SocketModeApp socket = null;
        if (settings.socketMode()) {
            socket = new SocketModeApp(settings.appToken(), SocketModeClient.Backend.JavaWebSocket, bot.app());
            socket.startAsync();
            System.err.println("fiveohtwo: Socket Mode connected; health on " + server.getURL() + "/health");
        } else {
            System.err.println("fiveohtwo: listening on " + server.getURL() + "/slack/events");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SocketModeApp socketApp = socket;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                if (socketApp != null) {
                                    socketApp.stop();
                                }
                                server.stop();
                                bot.close();
                            } catch (Exception e) {
                                System.err.println("fiveohtwo: stopping: " + e.getMessage());
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "fiveohtwo-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
