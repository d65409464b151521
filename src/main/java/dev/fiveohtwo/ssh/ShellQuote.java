package dev.fiveohtwo.ssh;

/** Quotes a word for a POSIX shell so that it stays one literal word, whatever it contains. */
public final class ShellQuote {
    private ShellQuote() {}

    /** {@code word} in single quotes, each {@code '} written as {@code '\''}. NUL cannot be passed and is refused. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot hold NUL");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
