package dev.fiveohtwo.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import dev.fiveohtwo.system.Printable;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt app and its routes: {@code /502} to {@link SlashCommands}, the check buttons to {@link CheckButtons}, the
 * restart buttons to {@link RestartFlow}. Here only what every interaction shares: a retried or repeated delivery
 * does nothing, and each handled one gets a request id for its log lines.
 */
@Singleton
public final class SlackBot {
    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");
    private final App app;
    private final RestartFlow restarts;
    private final CheckJobs jobs;
    private final Deliveries deliveries;
    private final AfterAck after;

    SlackBot(
            App app,
            SlashCommands commands,
            CheckButtons checks,
            RestartFlow restarts,
            CheckJobs jobs,
            Deliveries deliveries,
            AfterAck after) {
        this.app = app;
        this.restarts = restarts;
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.after = after;
        app.command("/502", (req, ctx) -> {
            var p = req.getPayload();
            if (retried(req) || !firstTime("cmd:" + p.getTriggerId())) {
                return Response.ok();
            }
            RequestId.start();
            LOG.info(
                    "/502 {} by {} in {}",
                    Printable.line(SlackViews.plain(String.valueOf(p.getText()), 200)),
                    Printable.line(String.valueOf(p.getUserId())),
                    Printable.line(String.valueOf(p.getChannelId())));
            return commands.handle(
                    p, new Conversation(p.getChannelId(), null, userId(p.getUserId()), p.getResponseUrl()));
        });
        button(ActionIds.GUIDE_PATTERN, checks::guide);
        button(ActionIds.RECHECK_PATTERN, checks::recheck);
        button(ActionIds.RAW_PATTERN, checks::raw);
        // restarts touch the database and Slack: off the ack path
        button(ActionIds.RESTART_PATTERN, (p, to) -> after.click(() -> restarts.request(p, to)));
        button(ActionIds.APPROVE_PATTERN, (p, to) -> after.click(() -> restarts.approve(p, to)));
        button(ActionIds.DENY_PATTERN, (p, to) -> after.click(() -> restarts.deny(p, to)));
    }

    /** A button's handler: gets the click, once, unless it is a retry or a repeat; the ack follows at once. */
    private interface Click {
        void handle(BlockActionPayload p, Conversation to);
    }

    private void button(Pattern actionIds, Click handler) {
        app.blockAction(actionIds, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            if (!retried(req)
                    && p.getActions() != null
                    && !p.getActions().isEmpty()
                    && firstTime("act:" + p.getTriggerId() + ":"
                            + p.getActions().get(0).getActionTs())) {
                RequestId.start();
                LOG.info(
                        "button {} by {}",
                        Printable.line(SlackViews.plain(
                                String.valueOf(p.getActions().get(0).getActionId()), 80)),
                        Printable.line(String.valueOf(p.getUser().getId())));
                handler.handle(p, conversation(p));
            }
            return ctx.ack();
        });
    }

    /** Where a click's answers go: the message's thread, or only the response_url for an ephemeral message. */
    private static Conversation conversation(BlockActionPayload p) {
        BlockActionPayload.Container c = p.getContainer();
        String channel = p.getChannel() == null ? null : p.getChannel().getId();
        boolean ephemeral = c != null && c.isEphemeral();
        String thread = c == null ? null : c.getThreadTs() != null ? c.getThreadTs() : c.getMessageTs();
        return new Conversation(
                ephemeral ? null : channel,
                ephemeral ? null : thread,
                userId(p.getUser().getId()),
                p.getResponseUrl());
    }

    /** Restart requests cut off by a crash: said in their thread at start-up. */
    public void recover() {
        restarts.recover();
    }

    /** The Bolt app, for the HTTP endpoint and Socket Mode. */
    public App app() {
        return app;
    }

    /** Runs one request through Bolt (signature check included in HTTP mode). */
    public Response handle(Request<?> request) throws Exception {
        return app.run(request);
    }

    /** Whether this is the first delivery of {@code key}, on any replica and across restarts (a key without an id always is). */
    private boolean firstTime(String key) {
        if (key.endsWith("null")) {
            return true;
        }
        boolean first = deliveries.first(key);
        after.write(deliveries::prune);
        return first;
    }

    /** A request Slack retried (we were slow or it lost our answer): the first delivery does the work. */
    private static boolean retried(Request<?> req) {
        return req.getHeaders() != null && req.getHeaders().getFirstValue("x-slack-retry-num") != null;
    }

    private static String userId(String id) {
        return id != null && USER_ID.matcher(id).matches() ? id : null;
    }

    /** Stops taking work and lets running checks and queued clicks finish (30 s at most). */
    public void close() {
        jobs.close();
        after.close();
    }
}
