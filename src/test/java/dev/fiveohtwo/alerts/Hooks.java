package dev.fiveohtwo.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Posts to the alert hooks of a running bot, and reads the payload fixtures under src/test/resources/alerts/. */
final class Hooks {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    Hooks(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> alertmanager(String body) throws IOException, InterruptedException {
        return post("/hooks/alertmanager", body, token);
    }

    HttpResponse<String> post(String path, String body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A fixture with each key of {@code replace} replaced by its value. */
    static String fixture(String name, Map<String, String> replace) {
        try (InputStream in = Hooks.class.getResourceAsStream("/alerts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : replace.entrySet()) {
                if (!text.contains(e.getKey())) {
                    throw new IllegalArgumentException(name + " has no " + e.getKey());
                }
                text = text.replace(e.getKey(), e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
