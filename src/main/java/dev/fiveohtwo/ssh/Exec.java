package dev.fiveohtwo.ssh;

import java.time.Duration;
import java.util.List;

/**
 * One command to run: a program and its arguments (quoted for the remote shell by the executor, never
 * interpreted), bytes for its standard input, a cap on how much output is kept, and how long it may run.
 *
 * @param timeout the command's deadline, the connection not included: a check uses the server's
 *                {@code command-timeout}, a restart the remediation's own
 */
public record Exec(List<String> argv, byte[] stdin, int maxOutputBytes, Duration timeout) {
    public Exec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command needs a positive deadline, not " + timeout);
        }
    }

    /** The command line a POSIX shell runs: every word single-quoted. */
    public String commandLine() {
        return String.join(" ", argv.stream().map(ShellQuote::quote).toList());
    }
}
