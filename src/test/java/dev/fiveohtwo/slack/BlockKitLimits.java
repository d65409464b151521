package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules real Slack applies to a message before it posts it (docs: api.slack.com/reference/block-kit): the one
 * place they are written down. {@link FakeSlack} refuses every payload that breaks one, as Slack does with
 * {@code invalid_blocks}; tests call {@link #check} on payloads that do not pass through the fake.
 */
final class BlockKitLimits {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private BlockKitLimits() {}

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

    /** Asserts that Slack would accept {@code blocksJson}; returns the parsed blocks. */
    static JsonNode check(String blocksJson) {
        List<String> broken = violations(blocksJson);
        assertTrue(broken.isEmpty(), "Slack would refuse these blocks: " + broken + "\n" + blocksJson);
        return parse(blocksJson);
    }

    /** Asserts that Slack would accept a whole message payload (ack body or response_url post). */
    static JsonNode checkPayload(String payloadJson) {
        JsonNode p = parse(payloadJson);
        JsonNode text = p.get("text");
        JsonNode blocks = p.get("blocks");
        String error = refusal(
                text == null || !text.isString() ? null : text.getStringValue(), blocks == null ? null : text(blocks));
        assertTrue(
                error == null,
                "Slack would refuse this message (" + error + "): " + violations(blocks == null ? "[]" : text(blocks))
                        + "\n" + payloadJson);
        return p;
    }

    /**
     * What Slack answers for a message with fallback {@code text} and {@code blocksJson} (either may be null):
     * null when it would post it, else its error code.
     */
    static String refusal(String text, String blocksJson) {
        if (blocksJson == null || blocksJson.isBlank() || blocksJson.strip().equals("[]")) {
            return text == null || text.isBlank() ? "no_text" : null;
        }
        JsonNode blocks;
        try {
            blocks = JSON.readValue(blocksJson, JsonNode.class);
        } catch (IOException e) {
            return "invalid_blocks_format";
        }
        if (blocks == null || !blocks.isArray()) {
            return "invalid_blocks_format";
        }
        return violations(blocks).isEmpty() ? null : "invalid_blocks";
    }

    /** Every rule {@code blocksJson} breaks, in words; empty when Slack would accept it. */
    static List<String> violations(String blocksJson) {
        JsonNode blocks;
        try {
            blocks = JSON.readValue(blocksJson, JsonNode.class);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return violations(blocks);
    }

    private static List<String> violations(JsonNode blocks) {
        List<String> out = new ArrayList<>();
        if (blocks == null || !blocks.isArray()) {
            out.add("blocks must be an array");
            return out;
        }
        if (blocks.size() > 50) {
            out.add("more than 50 blocks: " + blocks.size());
        }
        Set<String> actionIds = new HashSet<>();
        int i = 0;
        for (JsonNode b : blocks.values()) {
            block(b, "block " + i++, actionIds, out);
        }
        return out;
    }

    private static void block(JsonNode b, String where, Set<String> actionIds, List<String> out) {
        JsonNode type = b.get("type");
        if (type == null || !type.isString()) {
            out.add(where + ": no type");
            return;
        }
        JsonNode blockId = b.get("block_id");
        if (blockId != null) {
            limit(blockId, 255, where + " block_id", out);
        }
        switch (type.getStringValue()) {
            case "header" -> textObject(b.get("text"), 150, where + " header", true, out);
            case "section" -> {
                JsonNode fields = b.get("fields");
                if (b.get("text") != null || fields == null) {
                    textObject(b.get("text"), 3000, where + " section text", false, out);
                }
                if (fields != null) {
                    if (!fields.isArray() || fields.size() == 0 || fields.size() > 10) {
                        out.add(where + ": a section holds 1 to 10 fields");
                    } else {
                        int f = 0;
                        for (JsonNode field : fields.values()) {
                            textObject(field, 2000, where + " field " + f++, false, out);
                        }
                    }
                }
                JsonNode accessory = b.get("accessory");
                if (accessory != null) {
                    element(accessory, where + " accessory", actionIds, out);
                }
            }
            case "actions" -> {
                JsonNode elements = b.get("elements");
                if (elements == null || !elements.isArray() || elements.size() == 0 || elements.size() > 25) {
                    out.add(where + ": an actions block holds 1 to 25 elements");
                    return;
                }
                int e = 0;
                for (JsonNode element : elements.values()) {
                    element(element, where + " element " + e++, actionIds, out);
                }
            }
            case "context" -> {
                JsonNode elements = b.get("elements");
                if (elements == null || !elements.isArray() || elements.size() == 0 || elements.size() > 10) {
                    out.add(where + ": a context block holds 1 to 10 elements");
                    return;
                }
                int e = 0;
                for (JsonNode element : elements.values()) {
                    String t = element.get("type") == null
                            ? ""
                            : element.get("type").getStringValue();
                    if (!t.equals("image")) {
                        textObject(element, 3000, where + " context element " + e, false, out);
                    }
                    e++;
                }
            }
            case "divider" -> {}
            default -> out.add(where + ": unknown block type " + type.getStringValue());
        }
    }

    private static void element(JsonNode e, String where, Set<String> actionIds, List<String> out) {
        String type = e.get("type") == null ? "" : e.get("type").getStringValue();
        if (!type.equals("button")) {
            out.add(where + ": unexpected element type " + type);
            return;
        }
        textObject(e.get("text"), 75, where + " button text", true, out);
        JsonNode actionId = e.get("action_id");
        if (actionId != null) {
            limit(actionId, 255, where + " action_id", out);
            if (actionId.isString() && !actionIds.add(actionId.getStringValue())) {
                out.add(where + ": action_id " + actionId.getStringValue() + " is used twice in the message");
            }
        }
        if (e.get("value") != null) {
            limit(e.get("value"), 2000, where + " value", out);
        }
        if (e.get("url") != null) {
            limit(e.get("url"), 3000, where + " url", out);
        }
        JsonNode style = e.get("style");
        if (style != null
                && !(style.isString()
                        && (style.getStringValue().equals("primary")
                                || style.getStringValue().equals("danger")))) {
            out.add(where + ": style must be primary or danger");
        }
        JsonNode c = e.get("confirm");
        if (c != null) {
            textObject(c.get("title"), 100, where + " confirm title", true, out);
            textObject(c.get("text"), 300, where + " confirm text", false, out);
            textObject(c.get("confirm"), 30, where + " confirm button", true, out);
            textObject(c.get("deny"), 30, where + " deny button", true, out);
        }
    }

    /** A text object: {@code {"type": "plain_text"|"mrkdwn", "text": ...}}, 1 to {@code max} characters. */
    private static void textObject(JsonNode t, int max, String what, boolean plainOnly, List<String> out) {
        if (t == null || !t.isObject()) {
            out.add(what + " missing");
            return;
        }
        String type = t.get("type") == null ? "" : t.get("type").getStringValue();
        if (!(type.equals("plain_text") || !plainOnly && type.equals("mrkdwn"))) {
            out.add(what + " has type '" + type + "'");
        }
        limit(t.get("text"), max, what, out);
    }

    private static void limit(JsonNode text, int max, String what, List<String> out) {
        if (text == null || !text.isString()) {
            out.add(what + " missing");
            return;
        }
        int n = text.getStringValue().length();
        if (n == 0) {
            out.add(what + " is empty");
        } else if (n > max) {
            out.add(what + " has " + n + " characters, limit " + max);
        }
    }
}
