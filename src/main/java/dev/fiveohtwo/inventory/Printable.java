package dev.fiveohtwo.inventory;

/** Makes untrusted text safe to echo in a message: control characters shown as escapes, length capped. */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {
    }

    /** {@code text} with control characters escaped and at most 80 characters. */
    public static String of(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > MAX ? out + "…" : out.toString();
    }
}
