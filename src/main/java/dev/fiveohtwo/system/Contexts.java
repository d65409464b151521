package dev.fiveohtwo.system;

import io.micronaut.context.ApplicationContext;

/** The two application contexts: a small one for the short commands, the full one for the bot. */
public final class Contexts {
    private Contexts() {}

    /** A started context for {@code check}, {@code kb}, {@code bench}, help and version: no database, no server. */
    public static ApplicationContext cli() {
        return new CliContext().start();
    }

    /**
     * The full context for {@code serve} and {@code audit}: the database (application-bot.yml), the server, the bot.
     * Built with its configuration read but not started: starting it opens (and migrates, or creates) the database.
     */
    public static ApplicationContext bot() {
        ApplicationContext context =
                ApplicationContext.builder().environments("cli", "bot").build();
        context.getEnvironment().start();
        return context;
    }
}
