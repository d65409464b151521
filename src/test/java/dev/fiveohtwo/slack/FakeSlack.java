package dev.fiveohtwo.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stand-in for Slack's Web API on loopback: answers {@code auth.test}, {@code chat.postMessage},
 * {@code chat.update}, response_url posts and the three steps of a file upload ({@code files.getUploadURLExternal},
 * the POST of the bytes to the upload URL it gave, {@code files.completeUploadExternal}), and records every call with
 * the time it arrived. A completed upload is recorded with the file's bytes as its {@code content} parameter.
 *
 * <p>Like real Slack it refuses a message that breaks a Block Kit rule ({@link BlockKitLimits}): HTTP 200 with
 * {@code {"ok":false,"error":"invalid_blocks"}}, nothing recorded as posted. A refused payload is a bug of the bot,
 * so it fails the test. It refuses an upload as Slack does, too: no file name or a length below 1
 * ({@code invalid_arguments}); bytes posted to an unknown upload URL (404); completing a file that was never
 * uploaded, or whose bytes are not the length announced ({@code file_not_found}); a thread without a channel
 * ({@code invalid_arguments}). Registered with {@code @RegisterExtension}, the fake fails the test during which a
 * refusal happened; {@link #close()} fails if any happened at all.
 */
final class FakeSlack implements AutoCloseable, AfterEachCallback, AfterAllCallback {
    /** One recorded call: {@code method} is the API method or {@code response_url}. */
    record Call(String method, Map<String, String> params, String body, long atNanos) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final List<Call> refused = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicInteger ts = new AtomicInteger(100);
    private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    /** Announced uploads: file id to the length given; then to the bytes posted. */
    private final Map<String, Integer> announced = new ConcurrentHashMap<>();

    private final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
    private final AtomicInteger files = new AtomicInteger();
    volatile String postMessageError;
    volatile String socketModeUrl = "ws://127.0.0.1:1/";

    FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/api/", this::api);
        server.createContext("/respond/", this::respond);
        server.createContext("/upload/", this::upload);
        server.start();
    }

    /** A started fake, for a {@code @RegisterExtension} field. */
    static FakeSlack start() {
        try {
            return new FakeSlack();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The next {@code times} calls of {@code method} for {@code channel} are answered 429 with {@code Retry-After: 1}. */
    void rateLimit(String method, String channel, int times) {
        rateLimited.put(method + " " + channel, new AtomicInteger(times));
    }

    /** Every call of {@code method} for {@code channel} that arrived, answered or not. */
    int received(String method, String channel) {
        AtomicInteger n = received.get(method + " " + channel);
        return n == null ? 0 : n.get();
    }

    /** The payloads refused so far (each also fails the test it arrived during). */
    synchronized List<Call> refused() {
        return List.copyOf(refused);
    }

    /** The Web API base URL, for SLACK_API_URL. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A response_url on this server. */
    String responseUrl(String id) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + id;
    }

    private void api(HttpExchange x) throws IOException {
        String method = x.getRequestURI().getPath().substring("/api/".length());
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = form(body);
        Call call = new Call(method, params, body, System.nanoTime());
        String key = method + " " + params.getOrDefault("channel", "");
        received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        AtomicInteger limited = rateLimited.get(key);
        if (limited != null && limited.getAndDecrement() > 0) {
            x.getResponseHeaders().add("Retry-After", "1");
            send(x, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        if (method.equals("chat.postMessage") || method.equals("chat.update")) {
            String error = BlockKitLimits.refusal(params.get("text"), params.get("blocks"));
            if (error != null) {
                refuse(call, error);
                send(x, 200, "{\"ok\":false,\"error\":\"" + error + "\"}");
                return;
            }
        }
        if (method.startsWith("files.")) {
            String error = fileRefusal(method, params);
            if (error != null) {
                refuse(call, error);
                send(x, 200, "{\"ok\":false,\"error\":\"" + error + "\"}");
                return;
            }
        }
        if (method.equals("files.completeUploadExternal")) {
            String id = fileIds(params.get("files")).get(0);
            Map<String, String> withContent = new LinkedHashMap<>(params);
            withContent.put("content", new String(uploaded.get(id), StandardCharsets.UTF_8));
            call = new Call(method, withContent, body, call.atNanos());
        }
        record(call);
        String answer = switch (method) {
            case "files.getUploadURLExternal" -> {
                String id = "F" + String.format("%08d", files.incrementAndGet());
                announced.put(id, Integer.parseInt(params.get("length")));
                yield "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:"
                        + server.getAddress().getPort() + "/upload/" + id + "\",\"file_id\":\"" + id + "\"}";
            }
            case "files.completeUploadExternal" ->
                "{\"ok\":true,\"files\":["
                        + String.join(
                                ",",
                                fileIds(params.get("files")).stream()
                                        .map(id -> "{\"id\":\"" + id + "\",\"name\":\"file\"}")
                                        .toList())
                        + "]}";
            case "auth.test" ->
                "{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":\"T\",\"user\":\"fiveohtwo\",\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
            case "chat.postMessage" ->
                postMessageError != null
                        ? "{\"ok\":false,\"error\":\"" + postMessageError + "\"}"
                        : "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"1795265000."
                                + String.format("%06d", ts.incrementAndGet()) + "\"}";
            case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            case "chat.update" ->
                "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + params.get("ts") + "\"}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
        send(x, 200, answer);
    }

    /** Why Slack would refuse this step of an upload, or null. */
    private String fileRefusal(String method, Map<String, String> params) {
        if (method.equals("files.getUploadURLExternal")) {
            String length = params.getOrDefault("length", "");
            return params.getOrDefault("filename", "").isBlank() || !length.matches("[1-9][0-9]{0,9}")
                    ? "invalid_arguments"
                    : null;
        }
        if (method.equals("files.completeUploadExternal")) {
            List<String> ids = fileIds(params.get("files"));
            if (ids.isEmpty() || (params.containsKey("thread_ts") && !params.containsKey("channel_id"))) {
                return "invalid_arguments";
            }
            for (String id : ids) {
                byte[] bytes = uploaded.get(id);
                if (bytes == null || bytes.length != announced.get(id)) {
                    return "file_not_found";
                }
            }
        }
        return null;
    }

    /** The ids in {@code files=[{"id":"F1","title":"..."}]}. */
    private static List<String> fileIds(String files) {
        if (files == null || files.isBlank()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        BlockKitLimits.parse(files).values().forEach(f -> {
            io.micronaut.json.tree.JsonNode id = f.get("id");
            if (id != null && id.isString()) {
                ids.add(id.getStringValue());
            }
        });
        return ids;
    }

    /** The upload URL: takes the bytes of an announced file once; anything else is a 404, as on Slack's file servers. */
    private void upload(HttpExchange x) throws IOException {
        String id = x.getRequestURI().getPath().substring("/upload/".length());
        byte[] bytes = x.getRequestBody().readAllBytes();
        if (!x.getRequestMethod().equals("POST")
                || !announced.containsKey(id)
                || uploaded.putIfAbsent(id, bytes) != null) {
            send(x, 404, "not found");
            return;
        }
        send(x, 200, "OK - " + bytes.length);
    }

    private void respond(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Call call = new Call("response_url", Map.of("path", x.getRequestURI().getPath()), body, System.nanoTime());
        String error = payloadRefusal(body);
        if (error != null) {
            refuse(call, error);
            send(x, 200, "{\"ok\":false,\"error\":\"" + error + "\"}");
            return;
        }
        record(call);
        send(x, 200, "{\"ok\":true}");
    }

    /** What Slack says to a response_url body: {@code {"text": ..., "blocks": [...]}}. */
    private static String payloadRefusal(String body) {
        io.micronaut.json.tree.JsonNode p;
        try {
            p = BlockKitLimits.parse(body);
        } catch (AssertionError e) {
            return "invalid_payload";
        }
        io.micronaut.json.tree.JsonNode text = p.get("text");
        io.micronaut.json.tree.JsonNode blocks = p.get("blocks");
        return BlockKitLimits.refusal(
                text != null && text.isString() ? text.getStringValue() : null,
                blocks == null ? null : BlockKitLimits.text(blocks));
    }

    private synchronized void refuse(Call c, String error) {
        String blocks = c.method().equals("response_url") ? c.body() : c.param("blocks");
        refused.add(new Call(
                c.method(),
                Map.of(
                        "error",
                        error,
                        "channel",
                        c.param("channel"),
                        "text",
                        c.param("text"),
                        "why",
                        String.valueOf(BlockKitLimits.violations(
                                blocks.startsWith("{") ? blocksOf(blocks) : blocks.isEmpty() ? "[]" : blocks))),
                c.body(),
                c.atNanos()));
    }

    private static String blocksOf(String payload) {
        io.micronaut.json.tree.JsonNode b = BlockKitLimits.parse(payload).get("blocks");
        return b == null ? "[]" : BlockKitLimits.text(b);
    }

    private synchronized void record(Call c) {
        calls.add(c);
        notifyAll();
    }

    private static void send(HttpExchange x, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (body.startsWith("{")) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits until a recorded call matches, or fails after {@code timeout}. */
    synchronized Call await(Predicate<Call> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Call c : calls) {
                if (match.test(c)) {
                    return c;
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching Slack call within " + timeout + "; calls: "
                        + calls.stream().map(Call::method).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Fails the test during which Slack would have refused a message; the next test starts clean. */
    @Override
    public void afterEach(ExtensionContext context) {
        List<Call> seen;
        synchronized (this) {
            seen = List.copyOf(refused);
            refused.clear();
        }
        assertNoneRefused(seen);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Stops the server; fails when any payload was refused and not yet reported. */
    @Override
    public void close() {
        if (!stopped.getAndSet(true)) {
            server.stop(0);
        }
        assertNoneRefused(refused());
    }

    private static void assertNoneRefused(List<Call> seen) {
        if (!seen.isEmpty()) {
            StringBuilder why = new StringBuilder("Slack would have refused " + seen.size() + " payload(s):");
            for (Call c : seen) {
                why.append("\n  ")
                        .append(c.method())
                        .append(" in ")
                        .append(c.param("channel"))
                        .append(": ")
                        .append(c.param("error"))
                        .append(' ')
                        .append(c.param("why"))
                        .append(" (text: ")
                        .append(c.param("text"))
                        .append(')');
            }
            throw new AssertionError(why.toString());
        }
    }
}
