package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class SlackSettingsTest {

    @Test
    void httpModeNeedsTheBotTokenAndTheSigningSecret() {
        assertEquals(2, SlackSettings.of(null, null, null, null).problems().size());
        assertEquals(List.of(), SlackSettings.of("xoxb-1", "secret", null, null).problems());
    }

    @Test
    void socketModeNeedsNoSigningSecretButAnAppToken() {
        SlackSettings s = SlackSettings.of("xoxb-1", null, "xapp-1", null);
        assertTrue(s.socketMode());
        assertEquals(List.of(), s.problems());
        assertEquals(
                1,
                SlackSettings.of("xoxb-1", null, "xoxb-wrong", null).problems().size());
    }

    @Test
    void malformedValuesAreNamed() {
        List<String> p = SlackSettings.of("bot-token", "s", null, "ftp://x").problems();
        assertTrue(p.stream().anyMatch(l -> l.contains("SLACK_BOT_TOKEN")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains("SLACK_API_URL")), p.toString());
    }

    @Test
    void neverPrintsItsSecrets() {
        String text = SlackSettings.of("xoxb-very-secret", "signing-very-secret", "xapp-very-secret", null)
                .toString();
        assertFalse(text.contains("very-secret"), text);
    }

    @Test
    void everySettingHasItsDefaultFromApplicationYml() {
        try (io.micronaut.context.ApplicationContext context = io.micronaut.context.ApplicationContext.run()) {
            SlackSettings s = context.getBean(SlackSettings.class);
            assertEquals("https://slack.com/api/", s.apiUrl());
            assertEquals(List.of(), s.channels());
            assertEquals(8, s.workers());
            assertEquals(java.time.Duration.ofSeconds(2), s.progressEvery());
            assertTrue(s.allows("CANY"));
        }
    }

    @Test
    void listsAndDurationsBindWithMicronautsOwnGrammar() {
        try (io.micronaut.context.ApplicationContext context = io.micronaut.context.ApplicationContext.run(Map.of(
                "fiveohtwo.slack.channels",
                "C01, C02",
                "fiveohtwo.slack.progress-every",
                "500ms",
                "fiveohtwo.slack.workers",
                "3"))) {
            SlackSettings s = context.getBean(SlackSettings.class);
            assertEquals(List.of("C01", "C02"), s.channels());
            assertFalse(s.allows("C03"));
            assertEquals(java.time.Duration.ofMillis(500), s.progressEvery());
            assertEquals(3, s.workers());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws java.io.IOException {
        return new Yaml().load(java.nio.file.Files.readString(Path.of(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String... keys) {
        Map<String, Object> at = m;
        for (String key : keys) {
            at = (Map<String, Object>) at.get(key);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> commands(Map<String, Object> manifest) {
        return (List<Map<String, Object>>) map(manifest, "features").get("slash_commands");
    }

    @Test
    @SuppressWarnings("unchecked")
    void manifestDeclaresTheCommandInteractivitySocketModeAndOnlyTheScopesWeUse() throws Exception {
        Map<String, Object> m = yaml("deploy/slack/manifest.yml");
        List<Map<String, Object>> commands = commands(m);
        assertEquals("/502", commands.get(0).get("command"));
        assertFalse(commands.get(0).containsKey("url"), "Socket Mode needs no URL");
        Map<String, Object> settings = map(m, "settings");
        assertEquals(true, settings.get("socket_mode_enabled"));
        assertEquals(Map.of("is_enabled", true), settings.get("interactivity"));
        List<String> scopes = (List<String>) map(m, "oauth_config", "scopes").get("bot");
        assertEquals(List.of("commands", "chat:write", "files:write", "usergroups:read"), scopes);
    }

    @Test
    void theHttpManifestIsTheSameAppWithBothUrlsAndNoSocketMode() throws Exception {
        Map<String, Object> socket = yaml("deploy/slack/manifest.yml");
        Map<String, Object> http = yaml("deploy/slack/manifest-http.yml");

        assertEquals(map(socket, "oauth_config"), map(http, "oauth_config"));
        assertEquals(map(socket, "display_information"), map(http, "display_information"));
        Map<String, Object> command = new java.util.HashMap<>(commands(http).get(0));
        assertEquals("https://fiveohtwo.example.com/slack/events", command.remove("url"));
        assertEquals(commands(socket), List.of(command));
        assertEquals(1, commands(http).size());
        Map<String, Object> settings = map(http, "settings");
        assertEquals(false, settings.get("socket_mode_enabled"));
        assertEquals(
                Map.of("is_enabled", true, "request_url", "https://fiveohtwo.example.com/slack/events"),
                settings.get("interactivity"));
        Map<String, Object> rest = new java.util.HashMap<>(settings);
        Map<String, Object> socketRest = new java.util.HashMap<>(map(socket, "settings"));
        for (Map<String, Object> s : List.of(rest, socketRest)) {
            s.remove("socket_mode_enabled");
            s.remove("interactivity");
        }
        assertEquals(socketRest, rest);
    }

    @Test
    void bothManifestsHintEverySubcommandTheBotKnows() throws Exception {
        for (String file : List.of("deploy/slack/manifest.yml", "deploy/slack/manifest-http.yml")) {
            String hint = (String) commands(yaml(file)).get(0).get("usage_hint");
            List<String> words = java.util.Arrays.stream(hint.split("\\|"))
                    .map(p -> p.strip().split(" ")[0])
                    .toList();

            assertEquals(List.of("check", "servers", "guides", "guide", "history", "help"), words, file);
            for (String part : hint.split("\\|")) {
                String example = part.strip()
                        .replace("[", "")
                        .replace("]", "")
                        .replace("<", "")
                        .replace(">", "");
                assertFalse(SlackCommand.parse(example) instanceof SlackCommand.Unknown, () -> file + ": " + example);
            }
        }
    }
}
