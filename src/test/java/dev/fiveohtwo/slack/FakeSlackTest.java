package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fake refuses exactly what Slack refuses, and a refusal fails the test it happened in. */
class FakeSlackTest {
    static String section(String text) {
        return "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + text + "\"}}";
    }

    static String button(String text, String actionId) {
        return "{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + text + "\"},\"action_id\":\"" + actionId + "\",\"value\":\"v\"}";
    }

    static String actions(List<String> elements) {
        return "{\"type\":\"actions\",\"elements\":[" + String.join(",", elements) + "]}";
    }

    static List<String> buttons(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(button("b" + i, "a" + i));
        }
        return out;
    }

    static String repeat(String block, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(block);
        }
        return "[" + String.join(",", out) + "]";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"\"}}]",
        "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"\"}}]",
        "[{\"type\":\"header\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"h\"}}]",
        "[{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"\"}]}]",
        "[{\"type\":\"context\",\"elements\":[]}]",
        "[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"\"},\"action_id\":\"a\"}]}]",
        "[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"b\"},\"action_id\":\"a\",\"style\":\"green\"}]}]",
        "[{\"type\":\"section\",\"block_id\":\"x\",\"fields\":[]}]",
        "[{\"type\":\"image\"}]",
        "{\"type\":\"section\"}",
    })
    void refusesBlocksSlackRefuses(String blocks) {
        assertTrue(BlockKitLimits.refusal("fallback", blocks) != null, blocks);
    }

    @Test
    void refusesEveryLengthAndCountLimit() {
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + section("x".repeat(3001)) + "]"));
        assertNull(BlockKitLimits.refusal("t", "[" + section("x".repeat(3000)) + "]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151) + "\"}}]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(List.of(button("b".repeat(76), "a"))) + "]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(buttons(26)) + "]"));
        assertNull(BlockKitLimits.refusal("t", "[" + actions(buttons(25)) + "]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", repeat(section("s"), 51)));
        assertNull(BlockKitLimits.refusal("t", repeat(section("s"), 50)));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(List.of(button("a", "same"))) + "," + actions(List.of(button("b", "same"))) + "]"));
        String field = "{\"type\":\"mrkdwn\",\"text\":\"f\"}";
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[{\"type\":\"section\",\"fields\":[" + String.join(",", java.util.Collections.nCopies(11, field)) + "]}]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"" + "f".repeat(2001) + "\"}]}]"));
        String ctx = "{\"type\":\"mrkdwn\",\"text\":\"c\"}";
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[{\"type\":\"context\",\"elements\":[" + String.join(",", java.util.Collections.nCopies(11, ctx)) + "]}]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[{\"type\":\"divider\",\"block_id\":\"" + "b".repeat(256) + "\"}]"));
        String confirm = "{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"b\"},\"action_id\":\"a\",\"value\":\"" + "v".repeat(2001) + "\"}";
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(List.of(confirm)) + "]"));
        String dialog = "{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"b\"},\"action_id\":\"a\",\"confirm\":{"
            + "\"title\":{\"type\":\"plain_text\",\"text\":\"t\"},\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "x".repeat(301) + "\"},"
            + "\"confirm\":{\"type\":\"plain_text\",\"text\":\"ok\"},\"deny\":{\"type\":\"plain_text\",\"text\":\"no\"}}}";
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(List.of(dialog)) + "]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(List.of(dialog.replace("\"ok\"", "\"" + "o".repeat(31) + "\"")
            .replace("x".repeat(301), "x"))) + "]"));
    }

    @Test
    void aMessageWithoutTextOrBlocksIsNoText() {
        assertEquals("no_text", BlockKitLimits.refusal("", null));
        assertEquals("no_text", BlockKitLimits.refusal(null, "[]"));
        assertNull(BlockKitLimits.refusal("just text", null));
    }

    @Test
    void aRefusedPostIsAnsweredLikeSlackNotRecordedAndFailsTheTest() throws Exception {
        FakeSlack slack = new FakeSlack();
        try {
            String body = "channel=CFAKE&text=x&blocks=" + URLEncoder.encode("[" + section("") + "]", StandardCharsets.UTF_8);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + "chat.postMessage"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("{\"ok\":false,\"error\":\"invalid_blocks\"}", r.body());
            assertTrue(slack.calls("chat.postMessage").isEmpty());
            assertEquals(1, slack.refused().size());
            AssertionError failed = assertThrows(AssertionError.class, () -> slack.afterEach(null));
            assertTrue(failed.getMessage().contains("CFAKE") && failed.getMessage().contains("section text is empty"), failed.getMessage());
            slack.afterEach(null);
        } finally {
            slack.close();
        }
    }

    @Test
    void closeFailsWhenAPayloadWasRefused() throws Exception {
        FakeSlack slack = new FakeSlack();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(slack.responseUrl("x")))
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThrows(AssertionError.class, slack::close);
    }
}
