package dev.fiveohtwo.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The check {@code serve} runs before it starts: {@code auth.test} with the bot token. A Slack that cannot be
 * reached and a token Slack refuses are different problems with different fixes, so each gets its own one line.
 */
public final class SlackTokenCheck {
    private SlackTokenCheck() {}

    /** Empty when Slack accepts the bot token; else one line saying what is wrong and where to look. */
    public static Optional<String> problem(SlackSettings settings) {
        String url = settings.methodsUrl();
        try {
            AuthTestResponse r = settings.client().methods(settings.botToken()).authTest(b -> b);
            if (r.isOk()) {
                return Optional.empty();
            }
            return Optional.of("Slack did not accept the bot token (auth.test: "
                    + SlackViews.plain(String.valueOf(r.getError()), 80) + ")");
        } catch (SlackApiException e) {
            int code = e.getResponse() == null ? 0 : e.getResponse().code();
            return Optional.of("Slack API at " + url + " answered HTTP " + code + " to auth.test"
                    + (code == 407
                            ? " (the proxy wants credentials)"
                            : " (check SLACK_API_URL and any proxy in between)"));
        } catch (IOException e) {
            return Optional.of(
                    "Slack API at " + url + " cannot be reached: " + why(e) + " (check DNS, proxy, firewall)");
        }
    }

    /** A transport failure in words; the SDK's messages carry no token. */
    static String why(IOException e) {
        if (e instanceof UnknownHostException) {
            return "the host name does not resolve";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof InterruptedIOException) {
            return "timed out";
        }
        if (e instanceof SSLException) {
            return "TLS failed ("
                    + SlackViews.plain(String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}+", " "), 100) + ")";
        }
        return SlackPoster.transport(e);
    }
}
