package dev.fiveohtwo.slack;

/**
 * Where a reply goes: a channel (and thread) the bot can post to, with the command's {@code response_url}
 * as the way in when the bot is not a member of the channel.
 *
 * @param threadTs the thread to answer in, or null for the channel itself
 */
record Conversation(String channelId, String threadTs, String userId, String responseUrl) {
    Conversation inThread(String ts) {
        return new Conversation(channelId, ts, userId, responseUrl);
    }
}
