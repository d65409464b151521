package dev.fiveohtwo.cli;

import io.micronaut.configuration.picocli.PicocliRunner;

/** Entry point of the jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(PicocliRunner.execute(FiveohtwoCommand.class, args));
    }
}
