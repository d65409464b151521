package dev.fiveohtwo.cli;

import dev.fiveohtwo.system.Printable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Everything the CLI prints goes through here: {@link Main} replaces standard output and standard error by
 * {@link #stream} for the length of a command, so no text from a server, from Slack (the audit trail) or from
 * an argument can move the cursor, clear the screen, set the window title or reorder a line on the screen. The
 * characters escaped are those of {@link Printable}; newlines and tabs are kept.
 *
 * <p>The colours and the status line the CLI draws itself are escape sequences too. They are written through
 * {@link #styled}, which bypasses the filter, and only ever around text that went through {@link #clean} first:
 * the text is made safe before it is coloured, never after.
 */
final class TerminalText {
    private TerminalText() {}

    /** Untrusted text made safe for a terminal, newlines and tabs kept. */
    static String clean(String text) {
        return Printable.text(text);
    }

    /** A UTF-8 print stream onto {@code raw} that escapes whatever is written to it, bytes included. */
    static PrintStream stream(OutputStream raw) {
        return new Filtered(raw);
    }

    /**
     * A print stream onto the same terminal as {@code out} that writes exactly what it is given: only for text
     * whose untrusted parts went through {@link #clean}. For a stream that is not filtered, {@code out} in UTF-8.
     */
    static PrintStream styled(PrintStream out) {
        return out instanceof Filtered f ? f.styled : new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** The filtering print stream, with the unfiltered one beside it. */
    private static final class Filtered extends PrintStream {
        private final PrintStream styled;

        Filtered(OutputStream raw) {
            super(new Escaping(raw), true, StandardCharsets.UTF_8);
            this.styled = new PrintStream(raw, true, StandardCharsets.UTF_8);
        }
    }

    /**
     * Decodes UTF-8 as it passes, escapes, and encodes again. A multi-byte character split across two writes is
     * held back until its last byte arrives, so escaping never sees half a character.
     */
    private static final class Escaping extends OutputStream {
        private final OutputStream raw;
        private byte[] carry = new byte[0];

        Escaping(OutputStream raw) {
            this.raw = raw;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            byte[] bytes = Arrays.copyOf(carry, carry.length + len);
            System.arraycopy(b, off, bytes, carry.length, len);
            int complete = completeLength(bytes);
            carry = Arrays.copyOfRange(bytes, complete, bytes.length);
            if (complete > 0) {
                raw.write(clean(new String(bytes, 0, complete, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void flush() throws IOException {
            raw.flush();
        }

        /** The length of the prefix that ends on a whole character: at most three bytes of a started one are left. */
        private static int completeLength(byte[] bytes) {
            for (int back = 1; back <= Math.min(3, bytes.length); back++) {
                int b = bytes[bytes.length - back] & 0xff;
                if ((b & 0xc0) == 0x80) {
                    continue; // a continuation byte: the lead is further back
                }
                int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
                return needed > back ? bytes.length - back : bytes.length;
            }
            return bytes.length;
        }
    }
}
