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
        return "{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + text + "\"},\"action_id\":\""
                + actionId + "\",\"value\":\"v\"}";
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
    @ValueSource(
            strings = {
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
        assertEquals(
                "invalid_blocks",
                BlockKitLimits.refusal(
                        "t",
                        "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151)
                                + "\"}}]"));
        assertEquals(
                "invalid_blocks",
                BlockKitLimits.refusal("t", "[" + actions(List.of(button("b".repeat(76), "a"))) + "]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(buttons(26)) + "]"));
        assertNull(BlockKitLimits.refusal("t", "[" + actions(buttons(25)) + "]"));
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", repeat(section("s"), 51)));
        assertNull(BlockKitLimits.refusal("t", repeat(section("s"), 50)));
        assertEquals(
                "invalid_blocks",
                BlockKitLimits.refusal(
                        "t",
                        "[" + actions(List.of(button("a", "same"))) + "," + actions(List.of(button("b", "same")))
                                + "]"));
        String field = "{\"type\":\"mrkdwn\",\"text\":\"f\"}";
        assertEquals(
                "invalid_blocks",
                BlockKitLimits.refusal(
                        "t",
                        "[{\"type\":\"section\",\"fields\":["
                                + String.join(",", java.util.Collections.nCopies(11, field)) + "]}]"));
        assertEquals(
                "invalid_blocks",
                BlockKitLimits.refusal(
                        "t",
                        "[{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"" + "f".repeat(2001)
                                + "\"}]}]"));
        String ctx = "{\"type\":\"mrkdwn\",\"text\":\"c\"}";
        assertEquals(
                "invalid_blocks",
                BlockKitLimits.refusal(
                        "t",
                        "[{\"type\":\"context\",\"elements\":["
                                + String.join(",", java.util.Collections.nCopies(11, ctx)) + "]}]"));
        assertEquals(
                "invalid_blocks",
                BlockKitLimits.refusal("t", "[{\"type\":\"divider\",\"block_id\":\"" + "b".repeat(256) + "\"}]"));
        String confirm =
                "{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"b\"},\"action_id\":\"a\",\"value\":\""
                        + "v".repeat(2001) + "\"}";
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(List.of(confirm)) + "]"));
        String dialog =
                "{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"b\"},\"action_id\":\"a\",\"confirm\":{"
                        + "\"title\":{\"type\":\"plain_text\",\"text\":\"t\"},\"text\":{\"type\":\"mrkdwn\",\"text\":\""
                        + "x".repeat(301) + "\"},"
                        + "\"confirm\":{\"type\":\"plain_text\",\"text\":\"ok\"},\"deny\":{\"type\":\"plain_text\",\"text\":\"no\"}}}";
        assertEquals("invalid_blocks", BlockKitLimits.refusal("t", "[" + actions(List.of(dialog)) + "]"));
        assertEquals(
                "invalid_blocks",
                BlockKitLimits.refusal(
                        "t",
                        "["
                                + actions(List.of(dialog.replace("\"ok\"", "\"" + "o".repeat(31) + "\"")
                                        .replace("x".repeat(301), "x")))
                                + "]"));
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
            String body =
                    "channel=CFAKE&text=x&blocks=" + URLEncoder.encode("[" + section("") + "]", StandardCharsets.UTF_8);
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(slack.apiUrl() + "chat.postMessage"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("{\"ok\":false,\"error\":\"invalid_blocks\"}", r.body());
            assertTrue(slack.calls("chat.postMessage").isEmpty());
            assertEquals(1, slack.refused().size());
            AssertionError failed = assertThrows(AssertionError.class, () -> slack.afterEach(null));
            assertTrue(
                    failed.getMessage().contains("CFAKE") && failed.getMessage().contains("section text is empty"),
                    failed.getMessage());
            slack.afterEach(null);
        } finally {
            slack.close();
        }
    }

    @Test
    void closeFailsWhenAPayloadWasRefused() throws Exception {
        FakeSlack slack = new FakeSlack();
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(slack.responseUrl("x")))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThrows(AssertionError.class, slack::close);
    }

    private static HttpResponse<String> api(FakeSlack slack, String method, String form) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFileUploadedThroughTheSdkIsRecordedWithItsContentAndThread() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            com.slack.api.methods.response.files.FilesUploadV2Response r = SlackSettings.of(
                            "xoxb-1", "s", null, slack.apiUrl())
                    .client()
                    .methods("xoxb-1")
                    .filesUploadV2(b -> b.channel("CFILE")
                            .threadTs("1795265000.000100")
                            .filename("web-01-raw.txt")
                            .content("==== services ====\nnginx: active\n")
                            .initialComment("raw"));
            assertTrue(r.isOk(), String.valueOf(r.getError()));
            FakeSlack.Call done = slack.calls("files.completeUploadExternal").get(0);
            assertEquals("CFILE", done.param("channel_id"));
            assertEquals("1795265000.000100", done.param("thread_ts"));
            assertEquals("==== services ====\nnginx: active\n", done.param("content"));
        }
    }

    @Test
    void refusesTheUploadsSlackRefuses() throws Exception {
        FakeSlack slack = new FakeSlack();
        try {
            assertEquals(
                    "{\"ok\":false,\"error\":\"invalid_arguments\"}",
                    api(slack, "files.getUploadURLExternal", "filename=x.txt&length=0")
                            .body());
            assertEquals(
                    "{\"ok\":false,\"error\":\"invalid_arguments\"}",
                    api(slack, "files.getUploadURLExternal", "length=5").body());
            String announced = api(slack, "files.getUploadURLExternal", "filename=x.txt&length=5")
                    .body();
            String id = announced.replaceAll(".*\"file_id\":\"([^\"]+)\".*", "$1");
            String files = URLEncoder.encode("[{\"id\":\"" + id + "\"}]", StandardCharsets.UTF_8);
            // never uploaded, then uploaded with a length other than announced
            assertEquals(
                    "{\"ok\":false,\"error\":\"file_not_found\"}",
                    api(slack, "files.completeUploadExternal", "files=" + files + "&channel_id=C1")
                            .body());
            String url = announced.replaceAll(".*\"upload_url\":\"([^\"]+)\".*", "$1");
            assertEquals(
                    200,
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .POST(HttpRequest.BodyPublishers.ofString("1234"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            assertEquals(
                    "{\"ok\":false,\"error\":\"file_not_found\"}",
                    api(slack, "files.completeUploadExternal", "files=" + files + "&channel_id=C1")
                            .body());
            assertEquals(
                    404,
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(url.replace(id, "F-unknown")))
                                            .POST(HttpRequest.BodyPublishers.ofString("12345"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            assertEquals(
                    "{\"ok\":false,\"error\":\"invalid_arguments\"}",
                    api(slack, "files.completeUploadExternal", "files=" + files + "&thread_ts=1795265000.000100")
                            .body());
            assertTrue(slack.calls("files.completeUploadExternal").isEmpty());
            assertEquals(5, slack.refused().size());
            assertThrows(AssertionError.class, () -> slack.afterEach(null));
        } finally {
            slack.close();
        }
    }
}
