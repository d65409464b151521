package dev.fiveohtwo.slack;

import dev.fiveohtwo.system.Printable;

/**
 * Text for Slack: mrkdwn escaping (only {@code &}, {@code <}, {@code >}), cutting to a length measured after
 * escaping, and making server text safe inside code blocks.
 */
final class SlackText {
    private SlackText() {}

    /** {@code &}, {@code <}, {@code >} as entities: nothing else is special to Slack. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The longest prefix of {@code raw} whose escaped form fits in {@code max} characters, with … when cut. */
    static String fit(String raw, int max) {
        int len = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int w = c == '&' ? 5 : c == '<' || c == '>' ? 4 : 1;
            if (len + w > max - 1) {
                int end = Character.isLowSurrogate(c) && i > 0 ? i - 1 : i;
                return raw.substring(0, end) + "…";
            }
            len += w;
        }
        return raw;
    }

    /**
     * Server text that cannot close a code block or a code span it is shown in, with hidden characters (bidi
     * overrides, zero-width characters, controls) shown escaped, as the terminal shows them.
     */
    static String code(String raw) {
        // escaped first: the zero-width spaces that break a ``` run are ours and must stay invisible
        return Printable.text(raw).replace("```", "`\u200b`\u200b`");
    }

    /** The escaped length, as Slack counts it. */
    static int escapedLength(String raw) {
        return escape(raw).length();
    }
}
