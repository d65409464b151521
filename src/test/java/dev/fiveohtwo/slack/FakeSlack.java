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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for Slack's Web API on loopback: answers {@code auth.test}, {@code chat.postMessage},
 * {@code chat.update} and response_url posts, and records every call with the time it arrived.
 */
final class FakeSlack implements AutoCloseable {
    /** One recorded call: {@code method} is the API method or {@code response_url}. */
    record Call(String method, Map<String, String> params, String body, long atNanos) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger ts = new AtomicInteger(100);
    volatile String postMessageError;
    volatile String socketModeUrl = "ws://127.0.0.1:1/";

    FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/api/", this::api);
        server.createContext("/respond/", this::respond);
        server.start();
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
        record(new Call(method, params, body, System.nanoTime()));
        String answer = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":\"T\",\"user\":\"fiveohtwo\",\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
            case "chat.postMessage" -> postMessageError != null ? "{\"ok\":false,\"error\":\"" + postMessageError + "\"}"
                : "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"1795265000." + String.format("%06d", ts.incrementAndGet()) + "\"}";
            case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + params.get("ts") + "\"}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
        send(x, 200, answer);
    }

    private void respond(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        record(new Call("response_url", Map.of("path", x.getRequestURI().getPath()), body, System.nanoTime()));
        send(x, 200, "ok");
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
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
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

    synchronized void clear() {
        calls.clear();
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
                throw new AssertionError("no matching Slack call within " + timeout + "; calls: " + calls.stream().map(Call::method).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
