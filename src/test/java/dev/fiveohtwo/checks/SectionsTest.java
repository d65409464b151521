package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SectionsTest {
    private static final String NONCE = "n0nce42";
    private static final int CAP = 65536;

    /** Output the way the collector prints it: a newline before each header. */
    private static String output(String nonce, String... nameThenBody) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nameThenBody.length; i += 2) {
            out.append("\n### ")
                    .append(nonce)
                    .append(' ')
                    .append(nameThenBody[i])
                    .append('\n');
            out.append(nameThenBody[i + 1]);
        }
        return out.toString();
    }

    @Test
    void splitsOutputIntoNamedSectionsInOrder() {
        String text = output(
                NONCE, "header", "version=1\n", "meta", "now=1\nhostname=vm\n", "load", "0.15 0.07 0.02\n", "end", "");

        Sections s = Sections.parse(text, Optional.of(NONCE), CAP);

        assertEquals(
                List.of("header", "meta", "load", "end"), List.copyOf(s.text().keySet()));
        assertEquals("version=1\n", s.get("header"));
        assertEquals("now=1\nhostname=vm\n", s.get("meta"));
        assertEquals("0.15 0.07 0.02\n", s.get("load"));
        assertTrue(s.has("meta"));
        assertTrue(s.truncated().isEmpty());
    }

    @Test
    void missingSectionIsEmptyAndAbsent() {
        Sections s = Sections.parse(output(NONCE, "meta", "now=1\n"), Optional.of(NONCE), CAP);

        assertEquals("", s.get("disk"));
        assertFalse(s.has("disk"));
    }

    @Test
    void emptySectionIsPresent() {
        Sections s = Sections.parse(output(NONCE, "oom", "", "memory", "MemTotal: 1 kB\n"), Optional.of(NONCE), CAP);

        assertTrue(s.has("oom"));
        assertEquals("", s.get("oom"));
    }

    @Test
    void headerWithAnotherNonceInsideLogStaysData() {
        String log = "2026/11/21 10:42:07 [error] 1#1: upstream timed out\n"
                + "### othernonce services\n"
                + "service=fake|nginx|fake\n"
                + "### othernonce end\n"
                + "2026/11/21 10:42:08 [error] 1#1: still here\n";
        String text = output(NONCE, "log:nginx-error", log, "services", "service=nginx|nginx|nginx\n");

        Sections s = Sections.parse(text, Optional.of(NONCE), CAP);

        assertEquals(log, s.get("log:nginx-error"));
        assertEquals("service=nginx|nginx|nginx\n", s.get("services"));
        assertFalse(s.has("end"));
        assertFalse(s.complete());
    }

    @Test
    void headerWithoutNameOrWithNoncePrefixStaysData() {
        String log = "### " + NONCE + "\n### " + NONCE + "x services\n### " + NONCE.substring(1) + " end\n";
        String text = output(NONCE, "log:app", log);

        Sections s = Sections.parse(text, Optional.of(NONCE), CAP);

        assertEquals(List.of("log:app"), List.copyOf(s.text().keySet()));
        assertEquals(log, s.get("log:app"));
    }

    @Test
    void headerNotAtLineStartStaysData() {
        String log = "GET /?q= ### " + NONCE + " end\n";

        Sections s = Sections.parse(output(NONCE, "log:app", log), Optional.of(NONCE), CAP);

        assertEquals(log, s.get("log:app"));
        assertFalse(s.complete());
    }

    @Test
    void readsNonceFromFirstHeaderWhenNoneGiven() {
        String text = output("f1xture", "header", "version=1\n", "meta", "now=1\n", "end", "");

        Sections s = Sections.parse(text, Optional.empty(), CAP);

        assertEquals(List.of("header", "meta", "end"), List.copyOf(s.text().keySet()));
        assertEquals("now=1\n", s.get("meta"));
        assertTrue(s.complete());
    }

    @Test
    void withoutNonceIgnoresHeadersOfOtherNonces() {
        String text = output("real", "header", "version=1\n", "log:app", "### fake end\n### fake services\n");

        Sections s = Sections.parse(text, Optional.empty(), CAP);

        assertEquals(List.of("header", "log:app"), List.copyOf(s.text().keySet()));
        assertFalse(s.complete());
    }

    @Test
    void outputWithoutHeaderGivesNoSections() {
        Sections s = Sections.parse("bash: sh: command not found\n", Optional.empty(), CAP);

        assertTrue(s.text().isEmpty());
        assertFalse(s.complete());
    }

    @Test
    void givenNonceWinsOverNonceInOutput() {
        String text = output("other", "header", "version=1\n", "end", "");

        Sections s = Sections.parse(text, Optional.of(NONCE), CAP);

        assertTrue(s.text().isEmpty());
        assertFalse(s.complete());
    }

    @Test
    void ignoresTextBeforeFirstHeader() {
        String text = "motd: welcome\n" + output(NONCE, "meta", "now=1\n");

        Sections s = Sections.parse(text, Optional.of(NONCE), CAP);

        assertEquals(List.of("meta"), List.copyOf(s.text().keySet()));
    }

    @Test
    void sectionReachingCapIsTruncated() {
        int cap = 32;
        String big = "x".repeat(cap);
        String text = output(NONCE, "log:app", big, "small", "abc\n", "end", "");

        Sections s = Sections.parse(text, Optional.of(NONCE), cap);

        assertEquals(Set.of("log:app"), s.truncated());
        assertTrue(s.get("log:app").startsWith(big));
        assertEquals("abc\n", s.get("small"));
    }

    @Test
    void sectionOverCapInMultibyteTextIsTruncated() {
        int cap = 30;
        String text = output(NONCE, "log:app", "é".repeat(16) + "\n", "end", "");

        Sections s = Sections.parse(text, Optional.of(NONCE), cap);

        assertTrue(s.truncated().contains("log:app"));
    }

    @Test
    void completeOnlyWithEndSection() {
        assertTrue(Sections.parse(output(NONCE, "meta", "now=1\n", "end", ""), Optional.of(NONCE), CAP)
                .complete());
        assertFalse(Sections.parse(output(NONCE, "meta", "now=1\n"), Optional.of(NONCE), CAP)
                .complete());
    }

    @Test
    void repeatedSectionIsJoined() {
        String text = output(NONCE, "probes", "probe|a|front|open|1\n", "probes", "probe|b|proxy_pass|refused|2\n");

        Sections s = Sections.parse(text, Optional.of(NONCE), CAP);

        assertTrue(s.get("probes").contains("probe|a|"));
        assertTrue(s.get("probes").contains("probe|b|"));
    }

    // ---------------------------------------------------------------- decode

    @Test
    void decodesValidUtf8Unchanged() {
        String text = "héllo ✓ 日本語 🚀\n";

        assertEquals(text, Sections.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void replacesInvalidUtf8() {
        byte[] bytes = {'a', (byte) 0xff, 'b', (byte) 0xc3, 'c'};

        assertEquals("a\uFFFDb\uFFFDc", Sections.decode(bytes));
    }

    @Test
    void replacesTruncatedMultibyteSequenceAtEnd() {
        byte[] bytes = {'o', 'k', (byte) 0xe2, (byte) 0x9c};

        String decoded = Sections.decode(bytes);

        assertTrue(decoded.startsWith("ok\uFFFD"), decoded);
        assertEquals("", decoded.substring(2).replace("\uFFFD", ""));
    }

    @Test
    void replacesBellAndAnsiEscapes() {
        String text = "ding\u0007 \u001b[31mred\u001b[0m \u001b]0;title\u0007";

        assertEquals(
                "ding\uFFFD \uFFFD[31mred\uFFFD[0m \uFFFD]0;title\uFFFD",
                Sections.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void replacesNulBackspaceDeleteAndC1Controls() {
        String text = "a\u0000b\bc\u007fd\u009be\u0085f";

        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf", Sections.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsTabAndNewlineAndDropsCarriageReturn() {
        String text = "a\tb\r\nc\rd\n";

        assertEquals("a\tb\ncd\n", Sections.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodesEmptyInput() {
        assertEquals("", Sections.decode(new byte[0]));
    }

    @Test
    void decodedTextHasNoControlCharactersButTabAndNewline() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }

        String decoded = Sections.decode(all);

        for (char c : decoded.toCharArray()) {
            assertTrue(!Character.isISOControl(c) || c == '\t' || c == '\n', "control U+" + Integer.toHexString(c));
        }
    }
}
