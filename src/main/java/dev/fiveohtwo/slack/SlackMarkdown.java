package dev.fiveohtwo.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/**
 * Knowledge-base Markdown as Slack mrkdwn, cut into chunks that each fit the text of one section block.
 *
 * <p>All text from the article, code included, is escaped ({@code &}, {@code <}, {@code >} only), so an
 * article can never mention {@code <!channel>} or smuggle in a link: the only {@code <...>} in the output are
 * the links built here, and only for http, https and mailto targets. Chunks are cut between top-level blocks;
 * a block longer than a chunk is cut between its lines (a line longer than a chunk between words), and a code
 * block cut in two is closed and reopened so that every chunk renders on its own. Lengths are counted in
 * {@code char}s of the escaped text, which is what Slack limits.
 *
 * <p>{@link MrkdwnRenderer} turns each top-level block into mrkdwn, {@link MrkdwnChunker} cuts them to size, and
 * {@link MrkdwnTable} lays out tables.
 */
final class SlackMarkdown {
    /** Slack's limit on the text of one section block. */
    static final int SECTION_LIMIT = 3000;
    /** Smallest chunk that still leaves room for a reopened and closed code fence around some content. */
    static final int MIN_CHUNK = 64;
    // A fence line as the renderer writes it, possibly behind quote markers. Code content cannot match: its
    // '>' is escaped and its ``` runs are broken by SlackText.code, so this finds exactly our own fences.
    static final Pattern FENCE = Pattern.compile("[ >]*```");

    // Parser is immutable and thread-safe, and building it registers every block parser: do it once.
    private static final Parser PARSER =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private SlackMarkdown() {}

    /**
     * Converts Markdown to mrkdwn chunks of at most {@code maxChunk} characters each, in order; empty when the
     * Markdown has no visible content.
     *
     * @throws IllegalArgumentException when {@code maxChunk} is below {@link #MIN_CHUNK}
     */
    static List<String> toMrkdwn(String markdown, int maxChunk) {
        if (maxChunk < MIN_CHUNK) {
            throw new IllegalArgumentException("maxChunk must be at least " + MIN_CHUNK + ", was " + maxChunk);
        }
        Node document = PARSER.parse(markdown);
        List<String> blocks = new ArrayList<>();
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            String text = MrkdwnRenderer.render(block).stripTrailing();
            if (!text.isBlank()) {
                blocks.add(text);
            }
        }
        return MrkdwnChunker.chunk(blocks, maxChunk);
    }
}
