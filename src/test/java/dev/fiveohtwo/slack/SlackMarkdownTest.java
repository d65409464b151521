package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

class SlackMarkdownTest {
    private static final Path KNOWLEDGE = Path.of("knowledge");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern LINK_TARGET = Pattern.compile("<[^|>]*\\|");

    /** The whole conversion when it fits one chunk. */
    private static String one(String markdown) {
        List<String> chunks = SlackMarkdown.toMrkdwn(markdown, SlackMarkdown.SECTION_LIMIT);
        assertEquals(1, chunks.size(), () -> "chunks: " + chunks);
        return chunks.get(0);
    }

    // ---- mapping ------------------------------------------------------------------------------------------

    @Test
    void headingBecomesABoldLine() {
        assertEquals("*What it means*\n\nnginx is healthy.", one("## What it means\n\nnginx is healthy.\n"));
    }

    @Test
    void headingKeepsInlineCodeAndDoesNotNestBold() {
        assertEquals("*Check `ss` and important*", one("# Check `ss` and **important**"));
    }

    @Test
    void paragraphsAreSeparatedByABlankLine() {
        assertEquals("one\n\ntwo", one("one\n\n\n\ntwo"));
    }

    @Test
    void emphasisStrongAndInlineCodeUseSlackMarkers() {
        assertEquals("an _emphasised_ and *strong* `code`", one("an *emphasised* and **strong** `code`"));
        assertEquals("_also_ *this*", one("_also_ __this__"));
    }

    @Test
    void fencedCodeDropsTheLanguageAndKeepsContentVerbatim() {
        assertEquals("```\nls -l  /etc\n  indented   line\n```", one("```sh\nls -l  /etc\n  indented   line\n```\n"));
    }

    @Test
    void indentedCodeBecomesAFencedBlock() {
        assertEquals("text\n\n```\nsystemctl status nginx\n```", one("text\n\n    systemctl status nginx\n"));
    }

    @Test
    void bulletListItemsStartWithABullet() {
        assertEquals("• first\n• second", one("- first\n- second\n"));
        assertEquals("• star\n• plus", one("* star\n\n* plus\n"));
    }

    @Test
    void orderedListKeepsItsStartNumber() {
        assertEquals("1. one\n2. two", one("1. one\n2. two\n"));
        assertEquals("3. three\n4. four", one("3. three\n4. four\n"));
    }

    @Test
    void nestedListsAreIndentedByFourSpaces() {
        assertEquals("• a\n    • b\n        1. c\n• d", one("- a\n  - b\n    1. c\n- d\n"));
    }

    @Test
    void listItemContinuationIsIndentedButItsCodeIsNot() {
        assertEquals("1. run\n```\nls\n```\n    then look", one("1. run\n\n   ```\n   ls\n   ```\n\n   then look\n"));
    }

    @Test
    void listItemStartingWithCodePutsTheMarkerOnItsOwnLine() {
        assertEquals("•\n```\nls\n```", one("- ```\n  ls\n  ```\n"));
    }

    @Test
    void blockQuoteLinesArePrefixed() {
        assertEquals("> quoted text\n>\n> second", one("> quoted\n> text\n>\n> second\n"));
        assertEquals("> > nested", one("> > nested\n"));
    }

    @Test
    void httpLinkBecomesASlackLink() {
        assertEquals(
                "see <https://docs.example/a?b=1&amp;c=2|the docs>",
                one("see [the docs](https://docs.example/a?b=1&c=2)"));
    }

    @Test
    void mailtoLinkBecomesASlackLink() {
        assertEquals("<mailto:ops@example.com|write us>", one("[write us](mailto:ops@example.com)"));
    }

    @Test
    void linkLabelIsPlainTextWithoutPipeOrGreaterThan() {
        String out = one("[a|b > *c*](https://x.example/)");
        assertEquals("<https://x.example/|a¦b &gt; c>", out);
    }

    @Test
    void linkTargetCannotEndTheLinkEarly() {
        assertEquals("<https://x.example/a%7Cb|x>", one("[x](<https://x.example/a|b>)"));
    }

    @Test
    void relativeLinkIsJustItsText() {
        assertEquals("read oom-killed instead", one("read [oom-killed](oom-killed.md) instead"));
    }

    @Test
    void javascriptLinkIsNotLinked() {
        String out = one("[click me](javascript:alert(document.cookie))");
        assertEquals("click me", out);
        assertFalse(out.contains("<"));
        assertFalse(out.contains("javascript"));
    }

    @Test
    void autolinkBecomesASlackLink() {
        assertEquals("<https://status.example/|https://status.example/>", one("<https://status.example/>"));
        assertEquals("<mailto:ops@example.com|ops@example.com>", one("<ops@example.com>"));
    }

    @Test
    void bareUrlBecomesALinkWithoutTrailingPunctuation() {
        assertEquals(
                "see <https://x.example/a_b?c=1&amp;d=2|https://x.example/a_b?c=1&amp;d=2>.",
                one("see https://x.example/a_b?c=1&d=2."));
        assertEquals("(<https://x.example/p|https://x.example/p>)", one("(https://x.example/p)"));
    }

    @Test
    void bareNonHttpUrlStaysText() {
        assertEquals("ftp://x.example/ and javascript:alert(1)", one("ftp://x.example/ and javascript:alert(1)"));
    }

    @Test
    void imageBecomesALinkLabelledWithItsAltText() {
        assertEquals("<https://x.example/d.png|request flow>", one("![request flow](https://x.example/d.png)"));
        assertEquals("request flow", one("![request flow](d.png)"));
    }

    @Test
    void thematicBreakBecomesADashLine() {
        assertEquals("a\n\n———\n\nb", one("a\n\n---\n\nb\n"));
    }

    @Test
    void softBreakIsASpaceAndHardBreakANewline() {
        assertEquals("one two", one("one\ntwo"));
        assertEquals("one\ntwo", one("one  \ntwo"));
        assertEquals("one\ntwo", one("one\\\ntwo"));
    }

    @Test
    void htmlIsShownAsEscapedText() {
        assertEquals("&lt;div class=\"x\"&gt;hi&lt;/div&gt;", one("<div class=\"x\">hi</div>\n"));
        assertEquals("a &lt;b&gt;bold&lt;/b&gt; word", one("a <b>bold</b> word"));
    }

    @Test
    void tableBecomesAPaddedCodeBlockWithASeparatorRow() {
        String md = "| Code | Meaning |\n|------|---------|\n| 502 | Bad gateway |\n| 504 | Gateway `timeout` |\n";
        assertEquals(
                "```\nCode  Meaning\n----  ---------------\n502   Bad gateway\n504   Gateway timeout\n```", one(md));
    }

    @Test
    void tablePadsByDisplayedWidthAndEscapesCells() {
        String md = "| a | b |\n|---|---|\n| x & y | 1 |\n| long cell | 2 |\n";
        assertEquals("```\na          b\n---------  -\nx &amp; y      1\nlong cell  2\n```", one(md));
    }

    // ---- escaping -----------------------------------------------------------------------------------------

    @Test
    void textCannotMentionOrLink() {
        assertEquals("&lt;!channel&gt; a &amp; b, x &gt; y &lt;@U123&gt;", one("<!channel> a & b, x > y <@U123>"));
    }

    @Test
    void codeIsEscapedToo() {
        assertEquals("`&lt;!here&gt;` in code: `a &amp;&amp; b &gt; c`", one("`<!here>` in code: `a && b > c`"));
        assertEquals(
                "```\necho '&lt;!channel&gt;' &gt; /tmp/x &amp;\n```", one("```\necho '<!channel>' > /tmp/x &\n```"));
    }

    @Test
    void onlyAmpersandAndAngleBracketsAreEscaped() {
        assertEquals("snake_case *not bold* ~x~ \"q\" 'a'", one("snake\\_case \\*not bold\\* ~x~ \"q\" 'a'"));
    }

    @Test
    void tripleBackticksInsideCodeCannotCloseTheBlock() {
        String out = one("~~~\nbefore\n```\nafter\n~~~\n");
        assertEquals(2, fences(out), out);
        assertTrue(out.startsWith("```\nbefore\n") && out.endsWith("\nafter\n```"), out);
    }

    // ---- chunking -----------------------------------------------------------------------------------------

    @Test
    void blocksArePackedIntoChunksAndCutOnlyBetweenThem() {
        String para = "word ".repeat(12).strip(); // 59 characters
        List<String> chunks = SlackMarkdown.toMrkdwn(para + "\n\n" + para + "\n\n" + para, 130);
        assertEquals(List.of(para + "\n\n" + para, para), chunks);
    }

    @Test
    void longCodeBlockIsClosedAndReopenedInEveryChunk() {
        StringBuilder md = new StringBuilder("```\n");
        for (int i = 0; i < 40; i++) {
            md.append("line ").append(i).append(" of the command output\n");
        }
        List<String> chunks = SlackMarkdown.toMrkdwn(md.append("```\n").toString(), 200);
        assertTrue(chunks.size() > 1);
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 200, chunk);
            assertTrue(chunk.startsWith("```\n") && chunk.endsWith("\n```"), chunk);
            assertEquals(2, fences(chunk), chunk);
        }
        String joined = String.join("\n", chunks).replace("\n```\n```\n", "\n");
        assertTrue(joined.contains("line 0 of the command output\nline 1 of"), joined);
        assertTrue(joined.contains("line 39 of the command output\n```"), joined);
    }

    @Test
    void longParagraphIsCutBetweenWordsAndNeverInsideALink() {
        String md = "alpha beta gamma delta ".repeat(10) + "[the docs](https://docs.example/some/long/path) end";
        List<String> chunks = SlackMarkdown.toMrkdwn(md, 80);
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 80, chunk);
            assertEquals(count(chunk, "<"), count(chunk, ">"), chunk);
        }
        assertTrue(chunks.stream().anyMatch(c -> c.contains("<https://docs.example/some/long/path|the docs>")));
    }

    @Test
    void longQuotedParagraphStaysQuotedWhenCut() {
        List<String> chunks = SlackMarkdown.toMrkdwn("> " + "quoted words here ".repeat(12), 64);
        assertTrue(chunks.size() > 1);
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 64, chunk);
            chunk.lines().forEach(line -> assertTrue(line.startsWith("> "), line));
        }
    }

    @Test
    void wordlessLineIsCutHardButNeverInsideAnEntity() {
        List<String> chunks = SlackMarkdown.toMrkdwn("&".repeat(100), 64);
        assertTrue(chunks.size() > 1);
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 64, chunk);
            assertEquals("", chunk.replace("&amp;", "").replace("\n", ""), chunk);
        }
    }

    @Test
    void chunksHaveNoTrailingWhitespace() {
        for (String chunk : SlackMarkdown.toMrkdwn("- \n- item  \n\ntext   \n\n    code   \n", 3000)) {
            assertEquals(chunk.stripTrailing(), chunk);
        }
    }

    @Test
    void emptyMarkdownGivesNoChunks() {
        assertEquals(List.of(), SlackMarkdown.toMrkdwn("", 3000));
        assertEquals(List.of(), SlackMarkdown.toMrkdwn("  \n\n[ref]: https://x.example/\n", 3000));
    }

    @Test
    void tinyChunkLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SlackMarkdown.toMrkdwn("x", 10));
    }

    // ---- real articles ------------------------------------------------------------------------------------

    @Test
    void realArticleFitsSmallChunksWithBalancedFences() throws IOException {
        List<String> chunks = SlackMarkdown.toMrkdwn(body(KNOWLEDGE.resolve("upstream-down.md")), 300);
        assertTrue(chunks.size() > 5, () -> "chunks: " + chunks.size());
        for (String chunk : chunks) {
            assertTrue(chunk.length() <= 300, () -> chunk.length() + ": " + chunk);
            assertEquals(0, fences(chunk) % 2, chunk);
            assertEquals(chunk.stripTrailing(), chunk);
        }
    }

    @Test
    void realArticleLosesNoWordsWhenChunked() throws IOException {
        String markdown = body(KNOWLEDGE.resolve("upstream-down.md"));
        Map<String, Integer> plain = words(plainText(markdown));
        Map<String, Integer> shown = words(unmark(String.join("\n", SlackMarkdown.toMrkdwn(markdown, 300))));
        assertTrue(plain.size() > 100, "the article has words");
        plain.forEach((word, n) -> assertTrue(
                shown.getOrDefault(word, 0) >= n,
                () -> word + " appears " + n + " times in the article but " + shown.get(word) + " in the chunks"));
    }

    @Test
    void everyKnowledgeArticleConverts() throws IOException {
        List<Path> articles;
        try (Stream<Path> files = Files.list(KNOWLEDGE)) {
            articles = files.filter(p -> p.toString().endsWith(".md")
                            && !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList();
        }
        assertEquals(
                dev.fiveohtwo.knowledge.KnowledgeLoader.load(List.of())
                        .articles()
                        .size(),
                articles.size());
        for (Path article : articles) {
            List<String> chunks = SlackMarkdown.toMrkdwn(body(article), SlackMarkdown.SECTION_LIMIT);
            assertFalse(chunks.isEmpty(), article.toString());
            for (String chunk : chunks) {
                assertTrue(chunk.length() <= SlackMarkdown.SECTION_LIMIT, article.toString());
                assertEquals(0, fences(chunk) % 2, article + ": " + chunk);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** The Markdown after the front matter. */
    private static String body(Path article) throws IOException {
        String text = Files.readString(article, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("---\n"), article.toString());
        return text.substring(text.indexOf("\n---\n", 3) + "\n---\n".length());
    }

    /** Every literal the article shows (text, code, HTML), space-separated: what a reader must still see. */
    private static String plainText(String markdown) {
        StringBuilder out = new StringBuilder();
        Parser parser =
                Parser.builder().extensions(List.of(TablesExtension.create())).build();
        parser.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral()).append(' ');
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral()).append(' ');
            }

            @Override
            public void visit(FencedCodeBlock code) {
                out.append(code.getLiteral()).append(' ');
            }

            @Override
            public void visit(IndentedCodeBlock code) {
                out.append(code.getLiteral()).append(' ');
            }

            @Override
            public void visit(HtmlBlock html) {
                out.append(html.getLiteral()).append(' ');
            }

            @Override
            public void visit(HtmlInline html) {
                out.append(html.getLiteral()).append(' ');
            }
        });
        return out.toString();
    }

    /** Output as a reader sees it: link targets dropped (labels kept), entities decoded. */
    private static String unmark(String mrkdwn) {
        return LINK_TARGET
                .matcher(mrkdwn)
                .replaceAll("")
                .replace("\u200b", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static Map<String, Integer> words(String text) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            counts.merge(m.group(), 1, Integer::sum);
        }
        return counts;
    }

    private static int fences(String s) {
        return count(s, "```");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
