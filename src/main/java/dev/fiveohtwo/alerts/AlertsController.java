package dev.fiveohtwo.alerts;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.UnknownTargetException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/alertmanager} (Alertmanager's and Grafana's webhook) and {@code POST /hooks/check} (any other
 * monitor). The bearer token is checked before a byte of the body is read, so an unauthenticated request holds
 * nothing; an authenticated body is read within {@link #MAX_BODY}, parsed, queued and answered at once, the
 * checks running after the answer. Refusals answer fixed words and never echo what was sent.
 */
@Controller("/hooks")
final class AlertsController {
    /**
     * 1 MiB, the figure {@code micronaut.server.max-request-size} holds every endpoint to. An Alertmanager alert is
     * about 1 KB of JSON (labels, annotations, URLs), so a notification of several hundred alerts fits; a larger
     * group is better cut with the receiver's {@code max_alerts} than sent whole.
     */
    static final int MAX_BODY = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(AlertsController.class);
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,20}");
    private static final String RETRY_AFTER_SECONDS = "30";
    private final AlertSettings settings;
    private final AlertChecks checks;
    private final AlertMetrics metrics;
    private final Inventory inventory;
    private final ObjectMapper json;
    private final Audit audit;
    private final byte[] token;

    AlertsController(
            AlertSettings settings,
            AlertChecks checks,
            AlertMetrics metrics,
            Inventory inventory,
            ObjectMapper json,
            Audit audit) {
        this.settings = settings;
        this.audit = audit;
        this.checks = checks;
        this.metrics = metrics;
        this.inventory = inventory;
        this.json = json;
        this.token =
                settings.enabled() ? ("Bearer " + settings.token().strip()).getBytes(StandardCharsets.UTF_8) : null;
    }

    @Post(uri = "/alertmanager", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> alertmanager(HttpRequest<?> request) {
        Read<Notification> read = read(request, Notification.class, "not an alert notification");
        if (read.refused() != null) {
            return read.refused();
        }
        Notification n = read.value();
        if (n == null
                || n.alerts() == null
                || n.alerts().stream()
                        .anyMatch(a -> a == null || !"firing".equals(a.status()) && !"resolved".equals(a.status()))) {
            return refuse("malformed", HttpStatus.BAD_REQUEST, "not an alert notification");
        }
        if (!checks.submit(n, "alertmanager")) {
            n.alerts().forEach(a -> metrics.alert("refused"));
            audit.record(
                    "alertmanager",
                    null,
                    "alert",
                    null,
                    "a notification of " + n.alerts().size() + " alerts",
                    "refused: busy");
            return busy();
        }
        return accepted();
    }

    @Post(uri = "/check", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> check(HttpRequest<?> request) {
        Read<CheckRequest> read = read(request, CheckRequest.class, "not a check request");
        if (read.refused() != null) {
            return read.refused();
        }
        CheckRequest c = read.value();
        if (c == null || c.target() == null || c.target().isBlank()) {
            return refuse("malformed", HttpStatus.BAD_REQUEST, "target is required");
        }
        String channel = c.channel() != null ? c.channel() : settings.channel();
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            return refuse(
                    "no-channel",
                    HttpStatus.BAD_REQUEST,
                    "channel must be a channel id (C...), or set FIVEOHTWO_ALERTS_CHANNEL");
        }
        List<Server> servers;
        try {
            servers = inventory.resolve(c.target());
        } catch (UnknownTargetException e) {
            return refuse("unknown-target", HttpStatus.NOT_FOUND, "no such server or group in the inventory");
        }
        String reason = c.reason() == null || c.reason().isBlank() ? "asked by a monitor" : c.reason();
        if (!checks.submit(
                servers, c.target(), channel, reason.length() > 500 ? reason.substring(0, 500) : reason, "hook")) {
            audit.record("hook", channel, "alert", null, "check " + c.target(), "refused: busy");
            return busy();
        }
        return accepted();
    }

    /** A request's body as {@code T}, or the response that refuses the request. */
    private record Read<T>(T value, HttpResponse<String> refused) {}

    /** Passes the gate, reads the body within the cap and parses it; a body that is no {@code T} is 400 {@code what}. */
    private <T> Read<T> read(HttpRequest<?> request, Class<T> type, String what) {
        MutableHttpResponse<String> refused = gate(request);
        if (refused != null) {
            return new Read<>(null, refused);
        }
        Object body = body(request);
        if (body instanceof MutableHttpResponse<?> r) {
            return new Read<>(null, cast(r));
        }
        try {
            return new Read<>(json.readValue((byte[]) body, type), null);
        } catch (IOException | RuntimeException e) {
            return new Read<>(null, refuse("malformed", HttpStatus.BAD_REQUEST, what));
        }
    }

    private HttpResponse<String> accepted() {
        metrics.notification("accepted");
        return HttpResponse.<String>status(HttpStatus.ACCEPTED)
                .body("{\"ok\":true}")
                .contentType(MediaType.APPLICATION_JSON);
    }

    /** 404 while alerts are off, 401 without the token, 413 for a declared length over the cap; null: go on. */
    private MutableHttpResponse<String> gate(HttpRequest<?> request) {
        if (token == null) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND)
                    .body("{\"error\":\"not found\"}")
                    .contentType(MediaType.APPLICATION_JSON);
        }
        String given = request.getHeaders().get("Authorization");
        byte[] bytes = given == null ? new byte[0] : given.strip().getBytes(StandardCharsets.UTF_8);
        // constant time whatever the guess: the length of the token is no secret worth protecting, its bytes are
        if (!MessageDigest.isEqual(bytes, token)) {
            return refuse("unauthorized", HttpStatus.UNAUTHORIZED, "unauthorized");
        }
        if (request.getContentLength() > MAX_BODY) {
            return refuse("too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request too large");
        }
        return null;
    }

    /** The body's bytes, or the response that refuses it. */
    private Object body(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            throw new IllegalStateException(
                    "not a server request: " + request.getClass().getName());
        }
        try (CloseableAvailableByteBody body = server.byteBody().buffer().get(10, TimeUnit.SECONDS)) {
            if (body.length() > MAX_BODY) {
                return refuse("too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request too large");
            }
            return body.toByteArray();
        } catch (ExecutionException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ContentLengthExceededException) {
                    return refuse("too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request too large");
                }
            }
            return refuse("unreadable", HttpStatus.BAD_REQUEST, "unreadable body");
        } catch (TimeoutException e) {
            return refuse("too-slow", HttpStatus.REQUEST_TIMEOUT, "request too slow");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse("unreadable", HttpStatus.SERVICE_UNAVAILABLE, "shutting down");
        }
    }

    private MutableHttpResponse<String> busy() {
        return refuse("busy", HttpStatus.SERVICE_UNAVAILABLE, "busy, retry later")
                .header("Retry-After", RETRY_AFTER_SECONDS);
    }

    private MutableHttpResponse<String> refuse(String outcome, HttpStatus status, String words) {
        metrics.notification(outcome);
        LOG.debug("refused an alert hook request with {}: {}", status.getCode(), outcome);
        return HttpResponse.<String>status(status)
                .body("{\"error\":\"" + words + "\"}")
                .contentType(MediaType.APPLICATION_JSON);
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse<String> cast(MutableHttpResponse<?> r) {
        return (HttpResponse<String>) r;
    }
}
