package dev.fiveohtwo.checks;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The end of a log as people read it, cut at home rather than on the server (the collector sends the file's last
 * bytes as they are): the newest lines, each at most {@value #WIDTH} characters.
 */
final class LogText {
    /** Characters kept of one line; the rest of a very long line is evidence of nothing. */
    static final int WIDTH = 4096;

    private LogText() {}

    /**
     * @param cut whether the text starts inside a line (the file was longer than what was sent): that first partial
     *            line is dropped unless it is all there is
     */
    static String newest(String text, int lines, boolean cut) {
        String t = text;
        int nl = t.indexOf('\n');
        if (cut && nl >= 0 && nl < t.length() - 1) {
            t = t.substring(nl + 1);
        }
        Deque<String> kept = new ArrayDeque<>();
        for (String line : t.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            kept.addLast(line.length() > WIDTH ? line.substring(0, WIDTH) : line);
            if (kept.size() > lines) {
                kept.removeFirst();
            }
        }
        return String.join("\n", kept);
    }
}
