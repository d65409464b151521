package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Server text in a code block: hidden characters are shown, our own fence breakers stay invisible. */
class SlackTextTest {
    @Test
    void codeShowsBidiOverridesAndZeroWidthCharactersEscaped() {
        String line = "price: 10\u202e01$ \u2066x\u2069 a\u200bb\u200dc\ufeffd\u200e\u200f\u061c\u2060";

        assertEquals(
                "price: 10\\u202e01$ \\u2066x\\u2069 a\\u200bb\\u200dc\\ufeffd\\u200e\\u200f\\u061c\\u2060",
                SlackText.code(line));
    }

    @Test
    void codeKeepsNewlinesAndTabsAndBreaksFencesWithItsOwnZeroWidthSpaces() {
        assertEquals("a\tb\n`\u200b`\u200b` \\u200b", SlackText.code("a\tb\n``` \u200b"));
    }
}
