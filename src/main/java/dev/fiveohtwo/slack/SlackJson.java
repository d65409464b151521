package dev.fiveohtwo.slack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON the bot writes itself (as opposed to the SDK's requests): the reply to a slash command and the body
 * posted to a response_url, through Micronaut Serde. Blocks arrive as the renderer's JSON array and are embedded
 * as a tree, never pasted into a string.
 */
@Singleton
final class SlackJson {
    private final JsonMapper mapper;

    SlackJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** A message for a response_url or as the body of an ack. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reply(
            @JsonProperty("response_type") String responseType,
            @JsonProperty("replace_original") @Nullable Boolean replaceOriginal,
            String text,
            @Nullable JsonNode blocks) {}

    /** An ephemeral reply: only the person who typed the command sees it. */
    String ephemeral(String text, @Nullable String blocks) {
        return write(new Reply("ephemeral", null, text, tree(blocks)));
    }

    /** A response_url body: {@code replace} the message the button was on, or add one; seen by all or only the user. */
    String response(String text, @Nullable String blocks, boolean replace, boolean inChannel) {
        return write(new Reply(inChannel ? "in_channel" : "ephemeral", replace, text, tree(blocks)));
    }

    private JsonNode tree(@Nullable String blocks) {
        if (blocks == null) {
            return null;
        }
        try {
            return mapper.readValue(blocks, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException("the renderer wrote blocks that are not JSON", e);
        }
    }

    private String write(Reply reply) {
        try {
            return mapper.writeValueAsString(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
