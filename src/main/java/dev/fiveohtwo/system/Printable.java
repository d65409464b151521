package dev.fiveohtwo.system;

/**
 * Makes untrusted text (from servers, from Slack, from the command line) safe to show: the one character table
 * behind everything fiveohtwo prints to a terminal, writes to a log line, echoes in a message or shows in a
 * Slack code block.
 *
 * <p>Escaped, so that they are seen rather than obeyed: C0 control characters (ESC, and with it every terminal
 * escape sequence, BEL, backspace, carriage return), DEL, C1 control characters, and every Unicode format
 * character, which includes the bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069),
 * the direction marks (U+200E, U+200F, U+061C), the zero-width characters (U+200B to U+200D, U+2060) and the
 * byte-order mark (U+FEFF); also the line and paragraph separators U+2028 and U+2029. Newline, carriage
 * return and tab are written as backslash-n, backslash-r and backslash-t; every other one as backslash, u and
 * four hex digits, the way Java and JSON write them (ESC shows as backslash-u001b).
 *
 * <p>{@link #text} keeps newlines and tabs, for a report or a code block; {@link #line} escapes them too, so
 * that one log call makes one log line whatever it is given.
 */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {}

    /** {@code text} for a terminal or a code block: newline and tab kept, everything else of the table escaped. */
    public static String text(String text) {
        return escape(text, true);
    }

    /** {@code text} as one line (a log line, a message): newlines and tabs are escaped too. */
    public static String line(String text) {
        return escape(text, false);
    }

    /** {@code text} as one line of at most 80 characters, for echoing a rejected value in an error message. */
    public static String of(String text) {
        int cut = text.offsetByCodePoints(0, Math.min(MAX, text.codePointCount(0, text.length())));
        String shown = line(text.substring(0, cut));
        return cut < text.length() ? shown + "…" : shown;
    }

    /** Whether {@code c} is escaped by this class, newline and tab aside. */
    public static boolean hidden(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029;
    }

    private static String escape(String text, boolean layout) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int n = Character.charCount(c);
            boolean keep = !hidden(c) || layout && (c == '\n' || c == '\t');
            if (!keep && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (keep) {
                    out.appendCodePoint(c);
                } else {
                    out.append(
                            switch (c) {
                                case '\n' -> "\\n";
                                case '\r' -> "\\r";
                                case '\t' -> "\\t";
                                default -> String.format("\\u%04x", c);
                            });
                }
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }
}
