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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code fiveohtwo serve}: runs the Slack bot. Socket Mode when {@code SLACK_APP_TOKEN} is set (no public URL
 * needed), else HTTP on {@code POST /slack/events}. {@code GET /health} answers in both modes.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Slack bot (Socket Mode or HTTP).")
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
            System.err.println("fiveohtwo: " + inventory.servers().size() + " servers from " + inventory.source()
                + ", " + kb.articles().size() + " articles");
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
        server.start();
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
        }, "fiveohtwo-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
