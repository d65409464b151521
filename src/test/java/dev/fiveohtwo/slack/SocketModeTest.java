package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.micronaut.context.ApplicationContext;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket Mode against a local WebSocket server standing in for Slack's: the bot opens the connection the
 * Web API hands it, acks each envelope by its id, and a slash command in an envelope runs a check.
 */
@Timeout(90)
class SocketModeTest {
    @TempDir
    Path dir;

    /** Slack's side of the socket: sends hello, then whatever the test queues; records what the bot sends back. */
    static final class FakeSocket extends WebSocketServer {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final BlockingQueue<WebSocket> connected = new LinkedBlockingQueue<>();
        /** Counted down once the server listens: its port alone is known a moment before that. */
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

        FakeSocket() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send(
                    "{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A1\"},\"debug_info\":{\"host\":\"local\"}}");
            connected.add(conn);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    @Test
    void slashCommandEnvelopeIsAckedByIdAndRunsACheck() throws Exception {
        Path nginxConf = Files.writeString(dir.resolve("nginx.conf"), "events {}\nhttp {}\n");
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"),
                "servers:\n  box: { transport: local, services: { nginx: { kind: nginx, config: " + nginxConf
                        + " } } }\n");
        FakeSocket socket = new FakeSocket();
        socket.start();
        try (FakeSlack slack = new FakeSlack()) {
            // a busy machine can take its time to start the server thread: wait for it to listen, not for a while
            assertTrue(socket.started.await(60, TimeUnit.SECONDS), "the fake socket server never started");
            slack.socketModeUrl = "ws://127.0.0.1:" + socket.getPort() + "/";
            ApplicationContext context = ApplicationContext.run(
                    Map.of(
                            "datasources.default.url",
                            "jdbc:h2:mem:socket-mode;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                            "fiveohtwo.slack.bot-token",
                            "xoxb-test",
                            "fiveohtwo.slack.app-token",
                            "xapp-1-test",
                            "fiveohtwo.slack.api-url",
                            slack.apiUrl(),
                            "fiveohtwo.inventory",
                            inventory.toString()),
                    "bot");
            SlackBot bot = context.getBean(SlackBot.class);
            SocketModeApp app = new SocketModeApp("xapp-1-test", SocketModeClient.Backend.JavaWebSocket, bot.app());
            app.startAsync();
            try {
                WebSocket conn = socket.connected.poll(30, TimeUnit.SECONDS);
                assertTrue(conn != null, "the bot never connected");
                conn.send(
                        "{\"envelope_id\":\"env-1\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,\"payload\":"
                                + "{\"token\":\"x\",\"team_id\":\"T1\",\"team_domain\":\"example\",\"channel_id\":\"CSOCKET\",\"channel_name\":\"ops\","
                                + "\"user_id\":\"UCAROL\",\"user_name\":\"carol\",\"command\":\"/502\",\"text\":\"check box\",\"api_app_id\":\"A1\","
                                + "\"response_url\":\"" + slack.responseUrl("s")
                                + "\",\"trigger_id\":\"trig-socket-1\"}}");
                String ack = socket.received.poll(30, TimeUnit.SECONDS);
                assertTrue(ack != null && ack.contains("\"envelope_id\":\"env-1\""), "no ack for the envelope: " + ack);
                FakeSlack.Call update = slack.await(
                        c -> c.method().equals("chat.update") && c.param("text").contains("box:"),
                        java.time.Duration.ofSeconds(60));
                assertEquals("CSOCKET", update.param("channel"));
                BlockKitLimits.check(update.param("blocks"));
            } finally {
                app.stop();
                context.close();
            }
        } finally {
            socket.stop(1000);
        }
    }

    @Test
    void inSocketModeTheHttpEndpointAcceptsNoSignatureAtAll() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            Path inventory =
                    Files.writeString(dir.resolve("inventory2.yml"), "servers:\n  box: { transport: local }\n");
            io.micronaut.runtime.server.EmbeddedServer server = ApplicationContext.run(
                    io.micronaut.runtime.server.EmbeddedServer.class,
                    Map.of(
                            "micronaut.server.port",
                            -1,
                            "datasources.default.url",
                            "jdbc:h2:mem:socket-http;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                            "fiveohtwo.slack.bot-token",
                            "xoxb-test",
                            "fiveohtwo.slack.app-token",
                            "xapp-1-test",
                            "fiveohtwo.slack.api-url",
                            slack.apiUrl(),
                            "fiveohtwo.inventory",
                            inventory.toString()),
                    "bot");
            try {
                SignedRequests emptySecret = new SignedRequests(server.getURI(), "a-guess");
                String body = SignedRequests.command("check box", "UMALLORY", "CX", slack.responseUrl("x"), "t1");
                assertEquals(
                        401,
                        emptySecret
                                .post(body, System.currentTimeMillis() / 1000, "a-guess", Map.of())
                                .statusCode());
                assertEquals(401, emptySecret.postUnsigned(body).statusCode());
            } finally {
                server.stop();
            }
        }
    }
}
