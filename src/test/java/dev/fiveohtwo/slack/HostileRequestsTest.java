package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.app_backend.SlackSignature;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /slack/events} against traffic that is not Slack's: oversized, unsigned, forged, replayed from the future,
 * malformed. Each is refused with a fixed body before anything parses it, and the bot keeps answering.
 */
@Timeout(180)
class HostileRequestsTest {
    static final String SECRET = "hostile-test-secret";
    static final String INVALID = "{\"error\":\"invalid request\"}";
    static final String TOO_LARGE = "{\"error\":\"request too large\"}";

    @TempDir
    static Path dir;

    static FakeSlack slack;
    static EmbeddedServer server;
    static SignedRequests requests;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"),
                "servers:\n  web-01: { transport: local, front-url: \"http://127.0.0.1:9/\" }\n");
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "datasources.default.url",
                        "jdbc:h2:mem:hostile;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "fiveohtwo.slack.bot-token",
                        "xoxb-test-token",
                        "fiveohtwo.slack.signing-secret",
                        SECRET,
                        "fiveohtwo.slack.api-url",
                        slack.apiUrl(),
                        "fiveohtwo.inventory",
                        inventory.toString()),
                "bot");
        requests = new SignedRequests(server.getURI(), SECRET);
    }

    @AfterAll
    static void stop() {
        server.stop();
        slack.close();
    }

    private static String help() {
        return SignedRequests.command(
                "help",
                "UALICE",
                "CHOSTILE",
                slack.responseUrl(UUID.randomUUID().toString()),
                UUID.randomUUID().toString());
    }

    private static void stillAnswers() throws Exception {
        HttpResponse<String> r = requests.post(help());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("/502 check"), r.body());
    }

    /** Sends {@code headers} (and nothing after them) on a raw connection, returns the status line and body. */
    private static String[] raw(String head, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return response(s);
        }
    }

    private static String[] response(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String status = in.readLine();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        char[] body = new char[length];
        int n = 0;
        while (n < length) {
            int r = in.read(body, n, length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return new String[] {status, new String(body, 0, n)};
    }

    @Test
    void refusesADeclaredBodyOverTheCapBeforeReadingIt() throws Exception {
        // 5 MiB declared, not one byte sent: only a server that answers without reading can answer at all
        String[] r = raw(
                "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + 5 * 1024 * 1024 + "\r\n\r\n",
                new byte[0]);
        assertTrue(r[0].contains(" 413"), r[0]);
        assertEquals(TOO_LARGE, r[1]);
        stillAnswers();
    }

    @Test
    void cutsAChunkedBodyOnceItPassesTheCap() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(
                    ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("8000\r\n" + "a".repeat(0x8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            Thread writer = new Thread(() -> {
                try {
                    // 9 MiB, under Micronaut's own 10 MB limit: only the endpoint's cap refuses it
                    for (int i = 0; i < 9 * 32; i++) {
                        out.write(chunk);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException cut) {
                    // the server closed the connection once it had answered: what should happen
                }
            });
            writer.start();
            String[] r = response(s);
            assertTrue(r[0].contains(" 413"), r[0]);
            assertEquals(TOO_LARGE, r[1]);
            s.shutdownOutput();
            writer.join(60_000);
        }
        stillAnswers();
    }

    @Test
    void bodiesThatStallAreRefusedAtTheDeadlineAndHoldUpNoOne() throws Exception {
        // more connections declaring a body at the cap than the budget has room for, each sending ten bytes
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < SlackController.UNVERIFIED_BUDGET / SlackController.MAX_BODY + 4; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getPort());
                s.setSoTimeout(60_000);
                s.getOutputStream()
                        .write(
                                ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                                + "Content-Length: " + SlackController.MAX_BODY + "\r\n\r\npayload=ab")
                                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            stillAnswers();
            for (Socket s : stalled) {
                String[] r = response(s);
                assertTrue(r[0].contains(" 408"), r[0]);
                assertEquals("{\"error\":\"request too slow\"}", r[1]);
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        stillAnswers();
    }

    @Test
    void anOversizedRequestGets413AndTheBotKeepsAnswering() throws Exception {
        HttpResponse<String> r = requests.post("payload=" + "a".repeat(2 * 1024 * 1024));
        assertEquals(413, r.statusCode());
        assertEquals(TOO_LARGE, r.body());
        stillAnswers();
    }

    @Test
    void aFloodOfNearCapUnsignedRequestsDoesNotStopASignedOne() throws Exception {
        String nearCap = "payload=" + "a".repeat(SlackController.MAX_BODY - 1024);
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            List<Future<Integer>> codes = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                codes.add(pool.submit(() -> HTTP.send(
                                HttpRequest.newBuilder(server.getURI().resolve("/slack/events"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(nearCap))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            for (Future<Integer> code : codes) {
                // 503 when the unverified-bytes budget stayed full for seconds: refused either way, never run
                int c = code.get();
                assertTrue(c == 401 || c == 503, "status " + c);
            }
        } finally {
            pool.shutdownNow();
        }
        stillAnswers();
    }

    @Test
    void unsignedAndForgedRequestsGet401WithAFixedBody() throws Exception {
        HttpResponse<String> unsigned = requests.postUnsigned(help());
        assertEquals(401, unsigned.statusCode());
        assertEquals(INVALID, unsigned.body());
        HttpResponse<String> forged =
                requests.post(help(), System.currentTimeMillis() / 1000, "not-the-secret", Map.of());
        assertEquals(401, forged.statusCode());
        assertEquals(INVALID, forged.body());
        HttpResponse<String> junk = send("text/plain", "\u0000\u0001<script>", "abc", "v0=zz");
        assertEquals(401, junk.statusCode());
        assertEquals(INVALID, junk.body());
    }

    @Test
    void signedButMalformedBodiesGet400WithAFixedBody() throws Exception {
        for (String body : new String[] {"payload=%7Bnot+json", "payload=%ZZ", "{\"type\":", "nothing=slack"}) {
            HttpResponse<String> r = signed(body, String.valueOf(System.currentTimeMillis() / 1000));
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertEquals(INVALID, r.body(), body);
        }
        stillAnswers();
    }

    @Test
    void refusesTimestampsFromTheFuture() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        for (long ahead : new long[] {301, 3600, 31L * 365 * 24 * 3600}) {
            HttpResponse<String> r = requests.post(help(), now + ahead, SECRET, Map.of());
            assertEquals(401, r.statusCode(), "+" + ahead + " s");
            assertEquals(INVALID, r.body());
        }
        assertEquals(
                200, requests.post(help(), now + 60, SECRET, Map.of()).statusCode(), "a minute of clock skew is fine");
    }

    @Test
    void refusesTimestampsFromThePast() throws Exception {
        HttpResponse<String> r = requests.post(help(), System.currentTimeMillis() / 1000 - 301, SECRET, Map.of());
        assertEquals(401, r.statusCode());
        assertEquals(INVALID, r.body());
    }

    @Test
    void refusesNonNumericTimestampsWith401() throws Exception {
        for (String ts : new String[] {"soon", "1.7e9", "-1", "0x6a000000", "99999999999999999999999"}) {
            HttpResponse<String> r = signed(help(), ts);
            assertEquals(401, r.statusCode(), ts + " -> " + r.body());
            assertEquals(INVALID, r.body(), ts);
        }
    }

    /** {@code body} signed with the right secret over whatever {@code ts} says. */
    private static HttpResponse<String> signed(String body, String ts) throws Exception {
        return send(
                "application/x-www-form-urlencoded", body, ts, new SlackSignature.Generator(SECRET).generate(ts, body));
    }

    private static HttpResponse<String> send(String type, String body, String ts, String signature) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURI() + "/slack/events"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", type)
                        .header("X-Slack-Request-Timestamp", ts)
                        .header("X-Slack-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
