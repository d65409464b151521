package dev.fiveohtwo.ssh;

import java.util.List;

/**
 * One command to run: a program and its arguments (quoted for the remote shell by the executor, never
 * interpreted), bytes for its standard input, and a cap on how much output is kept.
 */
public record Exec(List<String> argv, byte[] stdin, int maxOutputBytes) {
    public Exec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program");
        }
    }

    /** The command line a POSIX shell runs: every word single-quoted. */
    public String commandLine() {
        return String.join(" ", argv.stream().map(ShellQuote::quote).toList());
    }
}
