package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

/** What the bot writes as JSON survives any text a server or a person put in it. */
class SlackJsonTest {
    static final SlackJson JSON = new SlackJson(JsonMapper.createDefault());
    static final String NASTY = "say \"hi\" \\ back\nslash / tab\t nul\u0000 bell\u0007 line\u2028sep </script>";

    @Test
    void anEphemeralReplyKeepsEveryCharacterOfItsTextAndEmbedsItsBlocks() {
        String blocks = new SlackRenderer().render("approval", new Views.Approval(NASTY, java.util.List.of()));
        JsonNode reply = BlockKitLimits.parse(JSON.ephemeral(NASTY, blocks));
        assertEquals("ephemeral", reply.get("response_type").getStringValue());
        assertEquals(NASTY, reply.get("text").getStringValue());
        assertEquals(NASTY, reply.get("blocks").get(0).get("text").get("text").getStringValue());
        assertEquals(null, reply.get("replace_original"));
    }

    @Test
    void aResponseUrlBodySaysWhetherItReplacesAndWhoSeesIt() {
        JsonNode r = BlockKitLimits.parse(JSON.response(NASTY, null, true, true));
        assertEquals("in_channel", r.get("response_type").getStringValue());
        assertTrue(r.get("replace_original").getBooleanValue());
        assertEquals(null, r.get("blocks"));
        assertFalse(JSON.response("x", null, false, false).contains("\"replace_original\":true"));
    }

    @Test
    void templateValuesAreEscapedForJsonStrings() {
        assertEquals(
                NASTY,
                BlockKitLimits.parse("\"" + SlackRenderer.json(NASTY) + "\"").getStringValue());
    }
}
