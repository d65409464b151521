package dev.fiveohtwo.slack;

import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Real HTTP requests to {@code /slack/events}, signed the way Slack signs them (v0, HMAC-SHA256). */
final class SignedRequests {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String secret;

    SignedRequests(URI base, String secret) {
        this.endpoint = base.resolve("/slack/events");
        this.secret = secret;
    }

    /** A slash command's form body. */
    static String command(String text, String user, String channel, String responseUrl, String triggerId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy-unused");
        f.put("team_id", "T1");
        f.put("team_domain", "example");
        f.put("channel_id", channel);
        f.put("channel_name", "incident");
        f.put("user_id", user);
        f.put("user_name", "alice");
        f.put("command", "/502");
        f.put("text", text);
        f.put("api_app_id", "A1");
        f.put("response_url", responseUrl);
        f.put("trigger_id", triggerId);
        return form(f);
    }

    /** A block_actions form body ({@code payload=<json>}). */
    static String action(String payloadJson) {
        return form(Map.of("payload", payloadJson));
    }

    static String form(Map<String, String> f) {
        return f.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    HttpResponse<String> post(String body) throws Exception {
        return post(body, System.currentTimeMillis() / 1000, secret, Map.of());
    }

    HttpResponse<String> post(String body, long timestamp, String signingSecret, Map<String, String> headers)
            throws Exception {
        String ts = String.valueOf(timestamp);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", new SlackSignature.Generator(signingSecret).generate(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postUnsigned(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
