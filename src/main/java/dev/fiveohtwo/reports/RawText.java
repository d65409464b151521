package dev.fiveohtwo.reports;

import dev.fiveohtwo.checks.Sections;

/**
 * What the collector printed, in its own format ({@code ### saved <section>} headers): the text of a kept report's
 * raw output and of {@code check --save}, which the knowledge tests can replay as a recorded fixture.
 */
public final class RawText {
    /** The nonce of saved output: any fixed word does, since saved text is never read back as live output. */
    public static final String NONCE = "saved";
    /** The most raw output a kept report holds, in characters; the collector may print 4 MiB. */
    public static final int CAP = 128 * 1024;

    static final String CUT = "[fiveohtwo: raw output cut at " + CAP + " characters]";

    private RawText() {}

    /** The sections in the collector's format. */
    public static String of(Sections s) {
        StringBuilder out = new StringBuilder();
        s.text()
                .forEach((name, text) -> out.append("\n### ")
                        .append(NONCE)
                        .append(' ')
                        .append(name)
                        .append('\n')
                        .append(text)
                        .append(text.isEmpty() || text.endsWith("\n") ? "" : "\n"));
        return out.toString();
    }

    /** {@code raw} cut at the end of its last whole line within {@link #CAP}, with a line saying so. */
    static String capped(String raw) {
        if (raw.length() <= CAP) {
            return raw;
        }
        int room = CAP - CUT.length() - 2;
        int end = raw.lastIndexOf('\n', room);
        return raw.substring(0, end > 0 ? end + 1 : room) + CUT + "\n";
    }
}
