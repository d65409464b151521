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
        assertEquals(2, new SlackSettings(null, null, null, null).problems().size());
        assertEquals(List.of(), new SlackSettings("xoxb-1", "secret", null, null).problems());
    }

    @Test
    void socketModeNeedsNoSigningSecretButAnAppToken() {
        SlackSettings s = new SlackSettings("xoxb-1", null, "xapp-1", null);
        assertTrue(s.socketMode());
        assertEquals(List.of(), s.problems());
        assertEquals(1, new SlackSettings("xoxb-1", null, "xoxb-wrong", null).problems().size());
    }

    @Test
    void malformedValuesAreNamed() {
        List<String> p = new SlackSettings("bot-token", "s", null, "ftp://x").problems();
        assertTrue(p.stream().anyMatch(l -> l.contains("SLACK_BOT_TOKEN")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains("SLACK_API_URL")), p.toString());
    }

    @Test
    void neverPrintsItsSecrets() {
        String text = new SlackSettings("xoxb-very-secret", "signing-very-secret", "xapp-very-secret", null).toString();
        assertFalse(text.contains("very-secret"), text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void manifestDeclaresTheCommandInteractivitySocketModeAndOnlyTheScopesWeUse() throws Exception {
        Map<String, Object> m = new Yaml().load(java.nio.file.Files.readString(Path.of("deploy/slack/manifest.yml")));
        Map<String, Object> features = (Map<String, Object>) m.get("features");
        List<Map<String, Object>> commands = (List<Map<String, Object>>) features.get("slash_commands");
        assertEquals("/502", commands.get(0).get("command"));
        Map<String, Object> settings = (Map<String, Object>) m.get("settings");
        assertEquals(true, settings.get("socket_mode_enabled"));
        assertEquals(true, ((Map<String, Object>) settings.get("interactivity")).get("is_enabled"));
        List<String> scopes = (List<String>) ((Map<String, Object>) ((Map<String, Object>) m.get("oauth_config")).get("scopes")).get("bot");
        assertEquals(List.of("commands", "chat:write", "files:write", "usergroups:read"), scopes);
    }
}
