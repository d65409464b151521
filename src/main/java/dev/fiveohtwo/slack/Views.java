package dev.fiveohtwo.slack;

import java.util.List;

/** The records the templates render. Text fields hold raw text (the template escapes it) unless noted. */
final class Views {
    private Views() {}

    /** A button; {@code value} is an opaque id or a name, never a command. {@code style} is "", primary or danger. */
    record Button(String text, String actionId, String value, String style, Confirm confirm) {
        static Button of(String text, String actionId, String value) {
            return new Button(SlackText.fit(text, 75), actionId, value, "", null);
        }
    }

    /** Slack's confirm dialog on a button. */
    record Confirm(String title, String text, String confirm, String deny) {}

    /** One finding of a report. */
    record Finding(
            String title, String meta, String why, List<String> because, List<String> evidence, List<Button> buttons) {}

    /** One server's report; {@code changes} are what differs from its last healthy check (empty: none shown). */
    record Report(
            String header,
            String summary,
            List<String> changes,
            List<Finding> findings,
            List<String> notes,
            List<Button> actions,
            String context,
            String userId) {}

    /** A healthy re-check of a server that had a problem: the recovery, not a diagnosis. {@code summary} is mrkdwn already. */
    record Recovery(String header, String summary, List<Button> actions, String context, String userId) {}

    /** A restart request waiting for approval, or its outcome ({@code buttons} empty). Text is mrkdwn already. */
    record Approval(String text, List<Button> buttons) {}

    /** The message shown while a check runs. */
    record Checking(String target, String userId, String progress) {}

    /** A fix guide message: {@code chunks} are Slack mrkdwn already. */
    record Guide(String title, List<String> chunks) {}

    /** A list answer: {@code sections} are Slack mrkdwn already (escaped by the builder). */
    record ListAnswer(String title, List<String> sections, List<List<Button>> buttonRows) {}

    /** A group check: {@code sections} are Slack mrkdwn already. */
    record Group(String header, List<String> sections, String correlation, String context, String userId) {}
}
