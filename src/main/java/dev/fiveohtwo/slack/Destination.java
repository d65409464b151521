package dev.fiveohtwo.slack;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a check started without a slash command (an alert, say) posts its messages: a channel the bot is a member
 * of, and optionally a thread in it.
 *
 * @param threadTs the thread to post in, or null for the channel itself
 */
public record Destination(String channelId, @Nullable String threadTs) {

    /** The channel itself. */
    public static Destination channel(String channelId) {
        return new Destination(channelId, null);
    }
}
