package dev.fiveohtwo.slack;

import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.fiveohtwo.system.BotMetrics;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code POST /slack/events}: slash commands and interactivity in HTTP mode. The body is read as raw bytes within
 * {@link #MAX_BODY}, its signature checked on those bytes, and only then is it parsed and handed to Bolt. Every
 * refusal answers a fixed body and is logged by {@link ThrottledLog}, never with what the request carried.
 */
@Controller("/slack")
final class SlackController {
    /**
     * The largest body accepted: 1 MiB. The biggest request Slack sends this bot is a {@code block_actions} click,
     * which carries the whole message the button sits on, form-encoded. Slack caps a message at 50 blocks of at
     * most 3000 characters of text (api.slack.com/reference/block-kit/blocks), 150,000 characters, about 450 KB
     * once JSON-quoted and percent-encoded; the bot's own biggest messages (a fix guide, ten sections)
     * are under 100 KB. A slash command is a few KB. So 1 MiB refuses nothing Slack sends, and is a tenth of
     * Micronaut's default of 10 MB. {@code micronaut.server.max-request-size} in application.yml holds every
     * endpoint to the same figure.
     */
    static final int MAX_BODY = 1 << 20;
    /**
     * Unauthenticated bytes held at once, over all requests: 16 bodies at the cap, or thousands of real ones. A
     * body that finds no room is answered 503 (see {@link BodyLimit}).
     */
    static final int UNVERIFIED_BUDGET = 16 * MAX_BODY;
    /** A body must be all there within this: Slack sends its few KB at once, and even 1 MiB at 1 Mbit/s fits. */
    static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

    private static final String INVALID = "{\"error\":\"invalid request\"}";
    private final SlackBot bot;
    private final SlackRequestParser parser;
    private final BotMetrics metrics;
    private final RequestSignature signature;
    private final BodyLimit limit = new BodyLimit(MAX_BODY, UNVERIFIED_BUDGET, BODY_DEADLINE);
    private final ThrottledLog refusals = new ThrottledLog(Clock.systemUTC());

    SlackController(SlackBot bot, BotMetrics metrics) {
        this.bot = bot;
        this.metrics = metrics;
        this.parser = new SlackRequestParser(bot.app().config());
        this.signature = new RequestSignature(bot.app().config().getSigningSecret(), Clock.systemUTC());
    }

    // No @Body: Micronaut would buffer the whole body before this method runs, and parse forms, before any signature
    // check.
    @Post(uri = "/events", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> events(HttpRequest<?> request) throws InterruptedException {
        long start = System.nanoTime();
        if (limit.tooLarge(request.getContentLength())) {
            return refuse("too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE);
        }
        BodyLimit.Body read = limit.read(bodyOf(request));
        if (!(read instanceof BodyLimit.Read whole)) {
            return refuse(read);
        }
        byte[] body;
        try (whole) {
            RequestSignature.Check check = signature.check(
                    request.getHeaders().get("X-Slack-Request-Timestamp"),
                    request.getHeaders().get("X-Slack-Signature"),
                    whole.bytes());
            if (check != RequestSignature.Check.VALID) {
                return refuse(check.name().toLowerCase(Locale.ROOT).replace('_', '-'), HttpStatus.UNAUTHORIZED);
            }
            body = whole.bytes();
        }
        Request<?> slackRequest;
        try {
            slackRequest = parser.parse(slackRequest(request, body));
        } catch (RuntimeException e) {
            return refuse("unparsable-" + e.getClass().getSimpleName(), HttpStatus.BAD_REQUEST);
        }
        if (slackRequest == null) {
            return refuse("not-a-slack-request", HttpStatus.BAD_REQUEST);
        }
        Response r;
        try {
            r = bot.handle(slackRequest);
        } catch (Exception e) {
            return refuse("failed-" + e.getClass().getSimpleName(), HttpStatus.INTERNAL_SERVER_ERROR);
        } finally {
            org.slf4j.MDC.remove("request");
        }
        metrics.acked(Duration.ofNanos(System.nanoTime() - start));
        MutableHttpResponse<String> out = HttpResponse.status(HttpStatus.valueOf(r.getStatusCode()));
        if (r.getBody() != null && !r.getBody().isEmpty()) {
            out.body(r.getBody())
                    .contentType(r.getContentType() == null ? MediaType.APPLICATION_JSON : r.getContentType());
        }
        if (r.getHeaders() != null) {
            r.getHeaders().forEach((k, v) -> v.forEach(value -> out.header(k, value)));
        }
        return out;
    }

    private static boolean tooLong(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContentLengthExceededException) {
                return true;
            }
        }
        return false;
    }

    private static Publisher<byte[]> bodyOf(HttpRequest<?> request) {
        if (request instanceof ServerHttpRequest<?> server) {
            return server.byteBody().toByteArrayPublisher();
        }
        throw new IllegalStateException(
                "not a server request: " + request.getClass().getName());
    }

    /** Bolt's request: the body as the exact bytes Slack signed. */
    private static SlackRequestParser.HttpRequest slackRequest(HttpRequest<?> request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return SlackRequestParser.HttpRequest.builder()
                .requestUri(request.getPath())
                .queryString(request.getParameters().asMap())
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .headers(new RequestHeaders(headers))
                .remoteAddress(request.getRemoteAddress().getAddress().getHostAddress())
                .build();
    }

    private MutableHttpResponse<String> refuse(BodyLimit.Body why) {
        if (why instanceof BodyLimit.TooSlow) {
            return refuse("too-slow", HttpStatus.REQUEST_TIMEOUT);
        }
        if (why instanceof BodyLimit.Busy) {
            return refuse("busy", HttpStatus.SERVICE_UNAVAILABLE);
        }
        // micronaut.server.max-request-size (application.yml) may cut a chunked body first: the same refusal
        if (why instanceof BodyLimit.TooLarge || why instanceof BodyLimit.Broken b && tooLong(b.cause())) {
            return refuse("too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE);
        }
        return refuse("unreadable", HttpStatus.BAD_REQUEST);
    }

    private MutableHttpResponse<String> refuse(String cause, HttpStatus status) {
        refusals.warn(cause, "refused a Slack request with " + status.getCode() + ": " + cause);
        String body = switch (status) {
            case REQUEST_ENTITY_TOO_LARGE -> "{\"error\":\"request too large\"}";
            case SERVICE_UNAVAILABLE -> "{\"error\":\"busy, try again\"}";
            case INTERNAL_SERVER_ERROR -> "{\"error\":\"internal error\"}";
            case REQUEST_TIMEOUT -> "{\"error\":\"request too slow\"}";
            default -> INVALID;
        };
        return HttpResponse.<String>status(status).body(body).contentType(MediaType.APPLICATION_JSON);
    }
}
