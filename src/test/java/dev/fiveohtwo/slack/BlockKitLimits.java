package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;

/** Asserts Slack's Block Kit limits on a blocks array (docs: api.slack.com/reference/block-kit). */
final class BlockKitLimits {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private BlockKitLimits() {
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readValue(json, JsonNode.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage() + "\n" + json, e);
        }
    }

    /** The node as compact JSON text. */
    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Checks every limit we rely on; returns the parsed blocks. */
    static JsonNode check(String blocksJson) {
        JsonNode blocks = parse(blocksJson);
        assertTrue(blocks.isArray(), "blocks must be an array");
        assertTrue(blocks.size() <= 50, "more than 50 blocks: " + blocks.size());
        for (JsonNode b : blocks.values()) {
            String type = b.get("type").getStringValue();
            switch (type) {
                case "header" -> limit(b.get("text").get("text"), 150, "header");
                case "section" -> limit(b.get("text").get("text"), 3000, "section text");
                case "actions" -> {
                    assertTrue(b.get("elements").size() <= 25, "more than 25 elements in an actions block");
                    for (JsonNode e : b.get("elements").values()) {
                        limit(e.get("text").get("text"), 75, "button text");
                        limit(e.get("action_id"), 255, "action_id");
                        limit(e.get("value"), 2000, "button value");
                        JsonNode c = e.get("confirm");
                        if (c != null) {
                            limit(c.get("title").get("text"), 100, "confirm title");
                            limit(c.get("text").get("text"), 300, "confirm text");
                            limit(c.get("confirm").get("text"), 30, "confirm button");
                            limit(c.get("deny").get("text"), 30, "deny button");
                        }
                    }
                }
                case "context" -> {
                    assertTrue(b.get("elements").size() <= 10, "more than 10 context elements");
                    for (JsonNode e : b.get("elements").values()) {
                        limit(e.get("text"), 3000, "context text");
                    }
                }
                case "divider" -> { }
                default -> throw new AssertionError("unexpected block type " + type);
            }
        }
        return blocks;
    }

    private static void limit(JsonNode text, int max, String what) {
        assertTrue(text != null && text.isString(), what + " missing");
        int n = text.getStringValue().length();
        assertTrue(n <= max, what + " has " + n + " characters, limit " + max);
        assertTrue(n > 0, what + " is empty");
    }

}
