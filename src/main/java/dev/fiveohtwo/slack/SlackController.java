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
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /slack/events}: slash commands and interactivity in HTTP mode. Turns the Micronaut request into
 * Bolt's (the body as the exact bytes Slack signed) and Bolt's response back; Bolt checks the signature.
 */
@Controller("/slack")
final class SlackController {
    private final SlackBot bot;
    private final SlackRequestParser parser;
    private final BotMetrics metrics;

    SlackController(SlackBot bot, BotMetrics metrics) {
        this.bot = bot;
        this.metrics = metrics;
        this.parser = new SlackRequestParser(bot.app().config());
    }

    @Post(uri = "/events", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON}, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> events(HttpRequest<?> request, @Body byte[] body) throws Exception {
        long start = System.nanoTime();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        Request<?> slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
            .requestUri(request.getPath())
            .queryString(request.getParameters().asMap())
            .requestBody(new String(body, StandardCharsets.UTF_8))
            .headers(new RequestHeaders(headers))
            .remoteAddress(request.getRemoteAddress().getAddress().getHostAddress())
            .build());
        if (slackRequest == null) {
            return HttpResponse.badRequest("{\"error\":\"not a Slack request\"}");
        }
        Response r;
        try {
            r = bot.handle(slackRequest);
        } finally {
            org.slf4j.MDC.remove("request");
        }
        metrics.acked(java.time.Duration.ofNanos(System.nanoTime() - start));
        MutableHttpResponse<String> out = HttpResponse.status(HttpStatus.valueOf(r.getStatusCode()));
        if (r.getBody() != null && !r.getBody().isEmpty()) {
            out.body(r.getBody()).contentType(r.getContentType() == null ? MediaType.APPLICATION_JSON : r.getContentType());
        }
        if (r.getHeaders() != null) {
            r.getHeaders().forEach((k, v) -> v.forEach(value -> out.header(k, value)));
        }
        return out;
    }
}
