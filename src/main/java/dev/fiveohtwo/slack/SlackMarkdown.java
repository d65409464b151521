package dev.fiveohtwo.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
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
 */
final class SlackMarkdown {
    /** Slack's limit on the text of one section block. */
    static final int SECTION_LIMIT = 3000;
    /** Smallest chunk that still leaves room for a reopened and closed code fence around some content. */
    static final int MIN_CHUNK = 64;

    // Parser is immutable and thread-safe, and building it registers every block parser: do it once.
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    // A fence line as the renderer writes it, possibly behind quote markers. Code content cannot match: its
    // '>' is escaped and its ``` runs are broken by SlackText.code, so this finds exactly our own fences.
    private static final Pattern FENCE = Pattern.compile("[ >]*```");
    private static final Pattern BARE_URL = Pattern.compile("(?i)\\b(?:https?://|mailto:)[^\\s<>\"]+");
    // quote markers are our own: a '>' from the article is always escaped
    private static final Pattern QUOTE_MARKERS = Pattern.compile("(?:> ?)+");
    private static final String NESTED_INDENT = "    ";
    private static final String RULE = "———";

    private SlackMarkdown() {
    }

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
            String text = Renderer.render(block).stripTrailing();
            if (!text.isBlank()) {
                blocks.add(text);
            }
        }
        return chunk(blocks, maxChunk);
    }

    // ---- chunking ---------------------------------------------------------------------------------------

    /** Packs blocks greedily, a blank line apart; a block too long for any chunk is cut by lines first. */
    private static List<String> chunk(List<String> blocks, int max) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String block : blocks) {
            if (block.length() > max) {
                flush(current, chunks);
                List<String> pieces = splitByLines(block, max);
                for (String piece : pieces.subList(0, pieces.size() - 1)) {
                    current.append(piece);
                    flush(current, chunks);
                }
                // the tail of a cut block can still share its chunk with the blocks after it
                current.append(pieces.get(pieces.size() - 1));
            } else if (current.length() > 0 && current.length() + 2 + block.length() > max) {
                flush(current, chunks);
                current.append(block);
            } else {
                current.append(current.length() == 0 ? "" : "\n\n").append(block);
            }
        }
        flush(current, chunks);
        return chunks;
    }

    private static void flush(StringBuilder current, List<String> chunks) {
        String text = current.toString().stripTrailing();
        if (!text.isEmpty()) {
            chunks.add(text);
        }
        current.setLength(0);
    }

    /**
     * Cuts one block into pieces of at most {@code max} characters between its lines. While a code block is
     * open, room to close it is kept in reserve, so a piece can always be ended with a closing fence and the
     * next one started with the same opening fence.
     */
    private static List<String> splitByLines(String block, int max) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        String open = null; // the fence line of the code block open at the end of piece, if any
        for (String line : block.split("\n", -1)) {
            boolean fence = FENCE.matcher(line).matches();
            String after = fence ? (open == null ? line : null) : open;
            int budget = open == null ? max : max - 2 * (open.length() + 1);
            for (String unit : cutLine(line, budget)) {
                int reserve = after == null ? 0 : after.length() + 1;
                if (piece.length() > 0 && piece.length() + 1 + unit.length() + reserve > max) {
                    endPiece(piece, open, pieces);
                }
                piece.append(piece.length() == 0 ? "" : "\n").append(unit);
            }
            open = after;
        }
        if (open != null) {
            piece.append('\n').append(open);
        }
        pieces.add(piece.toString());
        return pieces;
    }

    /** Closes the open code block (if any) of a full piece, and starts the next piece inside it again. */
    private static void endPiece(StringBuilder piece, String open, List<String> pieces) {
        if (open != null) {
            piece.append('\n').append(open);
        }
        pieces.add(piece.toString());
        piece.setLength(0);
        if (open != null) {
            piece.append(open);
        }
    }

    /**
     * Cuts a line into parts of at most {@code budget} characters, after a space where there is one. Parts of
     * a quoted line repeat its {@code > } markers, so that they stay in the quote.
     */
    private static List<String> cutLine(String line, int budget) {
        Matcher markers = QUOTE_MARKERS.matcher(line);
        String quote = markers.lookingAt() && 2 * markers.end() < budget ? markers.group() : "";
        List<String> parts = new ArrayList<>();
        String rest = line;
        while (rest.length() > budget) {
            int at = cutPoint(rest, quote.length(), budget);
            parts.add(rest.substring(0, at));
            rest = quote + rest.substring(at);
        }
        parts.add(rest);
        return parts;
    }

    /**
     * Where to cut {@code s} so the first part has at most {@code budget} characters: after the last space
     * outside a link, else before a link that would be cut, else at the budget but never inside an entity
     * like {@code &amp;} or a surrogate pair. The space stays on the first part, so no character is lost
     * (code lines stay verbatim apart from the line break). The cut is after {@code from}, the markers that
     * start the line, so every cut makes progress.
     */
    private static int cutPoint(String s, int from, int budget) {
        int afterSpace = -1;
        int linkStart = -1;
        for (int i = from; i < budget; i++) {
            char c = s.charAt(i);
            if (c == '<') {
                linkStart = i;
            } else if (c == '>') {
                linkStart = -1;
            } else if (c == ' ' && linkStart < 0) {
                afterSpace = i + 1;
            }
        }
        if (afterSpace > from) {
            return afterSpace;
        }
        if (linkStart > from) {
            return linkStart;
        }
        return hardCut(s, from, budget);
    }

    private static int hardCut(String s, int from, int budget) {
        int at = budget;
        if (Character.isLowSurrogate(s.charAt(at)) && at > from + 1) {
            at--;
        }
        // every '&' in the output starts an entity, so an '&' close before the cut without its ';' is cut open
        int amp = s.lastIndexOf('&', at - 1);
        int semicolon = amp < 0 ? -1 : s.indexOf(';', amp);
        if (amp > from && at - amp < "&amp;".length() && (semicolon < 0 || semicolon >= at)) {
            at = amp;
        }
        return at;
    }

    // ---- rendering --------------------------------------------------------------------------------------

    /** {@code <url|label>} for http, https and mailto targets; null for anything else (javascript:, files). */
    private static String link(String url, String label) {
        if (!linkable(url)) {
            return null;
        }
        String shown = label.isBlank() ? url : label;
        // '|' would end the target and a raw '>' the whole link; in the label they are harmless once replaced
        String target = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
            .replace(" ", "%20");
        return "<" + target + "|" + SlackText.escape(shown.replace('|', '¦')) + ">";
    }

    private static boolean linkable(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("http://") || u.startsWith("https://") || u.startsWith("mailto:");
    }

    /** Escaped code: Slack has no escape for a ``` run inside code, so such runs are broken up instead. */
    private static String code(String raw) {
        return SlackText.code(SlackText.escape(raw));
    }

    /** Prefixes every line of {@code text}: {@code first} on the first line, {@code rest} on the others. */
    private static String prefixLines(String text, String first, String rest, boolean skipCode) {
        StringJoiner out = new StringJoiner("\n");
        boolean inCode = false;
        String prefix = first;
        for (String line : text.split("\n", -1)) {
            boolean fence = FENCE.matcher(line).matches();
            // code stays at the left margin in lists so that what is copied from Slack is the command itself
            boolean plain = !skipCode || !(inCode || fence);
            out.add(plain ? (prefix + line).stripTrailing() : line);
            inCode ^= fence;
            prefix = rest;
        }
        return out.toString();
    }

    /** Renders one block with its children into mrkdwn; inline nodes append to the current buffer. */
    private static final class Renderer extends AbstractVisitor {
        private StringBuilder out = new StringBuilder();
        // Slack cannot nest bold in bold or italics in italics: inner markers would end the outer span
        private int strong;
        private int emphasis;

        /** The mrkdwn of one block, unchunked. */
        static String render(Node block) {
            Renderer renderer = new Renderer();
            block.accept(renderer);
            return renderer.out.toString();
        }

        /** The rendering of {@code node} itself, without touching the current buffer. */
        private String capture(Node node) {
            StringBuilder saved = out;
            out = new StringBuilder();
            node.accept(this);
            String result = out.toString();
            out = saved;
            return result;
        }

        /** The rendering of the children of {@code node}, without touching the current buffer. */
        private String children(Node node) {
            StringBuilder saved = out;
            out = new StringBuilder();
            visitChildren(node);
            String result = out.toString();
            out = saved;
            return result;
        }

        /** The non-empty child blocks of {@code parent}, rendered and joined. */
        private String blocks(Node parent, String separator) {
            StringJoiner joined = new StringJoiner(separator);
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                String text = capture(child).stripTrailing();
                if (!text.isBlank()) {
                    joined.add(text);
                }
            }
            return joined.toString();
        }

        @Override
        public void visit(Paragraph paragraph) {
            visitChildren(paragraph);
        }

        @Override
        public void visit(Heading heading) {
            strong++;
            String text = children(heading).strip();
            strong--;
            if (!text.isEmpty()) {
                out.append('*').append(text).append('*');
            }
        }

        @Override
        public void visit(BulletList list) {
            items(list, -1);
        }

        @Override
        public void visit(OrderedList list) {
            Integer start = list.getMarkerStartNumber();
            items(list, start == null ? 1 : start);
        }

        /** One line per item; {@code number} below zero means bullets. */
        private void items(ListBlock list, int number) {
            StringJoiner lines = new StringJoiner("\n");
            int n = number;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                String marker = number < 0 ? "• " : n++ + ". ";
                lines.add(item(marker, blocks(item, "\n")));
            }
            out.append(lines);
        }

        private String item(String marker, String body) {
            if (FENCE.matcher(body.split("\n", 2)[0]).matches()) {
                // a fence behind the marker would not open a code block: the marker gets a line of its own
                return marker.strip() + "\n" + prefixLines(body, NESTED_INDENT, NESTED_INDENT, true);
            }
            return prefixLines(body, marker, NESTED_INDENT, true);
        }

        @Override
        public void visit(BlockQuote quote) {
            StringJoiner lines = new StringJoiner("\n");
            for (String line : blocks(quote, "\n\n").split("\n", -1)) {
                lines.add(line.isEmpty() ? ">" : "> " + line);
            }
            out.append(lines);
        }

        @Override
        public void visit(FencedCodeBlock block) {
            codeBlock(block.getLiteral());
        }

        @Override
        public void visit(IndentedCodeBlock block) {
            codeBlock(block.getLiteral());
        }

        private void codeBlock(String literal) {
            String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
            out.append("```\n").append(code(body)).append("\n```");
        }

        @Override
        public void visit(ThematicBreak rule) {
            out.append(RULE);
        }

        @Override
        public void visit(HtmlBlock html) {
            // shown, not interpreted: Slack would not render it, and hiding it could hide meaning
            out.append(SlackText.escape(html.getLiteral().stripTrailing()));
        }

        @Override
        public void visit(CustomBlock block) {
            if (block instanceof TableBlock) {
                table(block);
            } else {
                visitChildren(block);
            }
        }

        /** A table as a code block, the only way to keep its columns aligned in Slack. */
        private void table(Node table) {
            List<List<String>> rows = new ArrayList<>();
            int headerRows = 0;
            for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
                for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                    if (row instanceof TableRow) {
                        rows.add(cells(row));
                    }
                }
                if (section instanceof TableHead) {
                    headerRows = rows.size();
                }
            }
            codeBlock(Table.layout(rows, headerRows));
        }

        private static List<String> cells(Node row) {
            List<String> cells = new ArrayList<>();
            for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                if (cell instanceof TableCell) {
                    cells.add(PlainText.of(cell).strip());
                }
            }
            return cells;
        }

        @Override
        public void visit(Text text) {
            String literal = text.getLiteral();
            Matcher url = BARE_URL.matcher(literal);
            int last = 0;
            while (url.find()) {
                int end = urlEnd(literal, url.start(), url.end());
                String target = literal.substring(url.start(), end);
                out.append(SlackText.escape(literal.substring(last, url.start()))).append(link(target, target));
                last = end;
            }
            out.append(SlackText.escape(literal.substring(last)));
        }

        /** Where a bare URL really ends: sentence punctuation and an unmatched ')' after it are prose. */
        private static int urlEnd(String s, int start, int end) {
            int e = end;
            while (e > start) {
                char c = s.charAt(e - 1);
                boolean unmatchedParen = c == ')' && count(s, start, e, '(') < count(s, start, e, ')');
                if (".,:;!?'".indexOf(c) < 0 && !unmatchedParen) {
                    break;
                }
                e--;
            }
            return e;
        }

        private static int count(String s, int from, int to, char c) {
            int n = 0;
            for (int i = from; i < to; i++) {
                n += s.charAt(i) == c ? 1 : 0;
            }
            return n;
        }

        @Override
        public void visit(Code code) {
            out.append('`').append(code(code.getLiteral())).append('`');
        }

        @Override
        public void visit(Emphasis node) {
            emphasis++;
            String inner = children(node);
            emphasis--;
            out.append(emphasis > 0 || inner.isBlank() ? inner : "_" + inner + "_");
        }

        @Override
        public void visit(StrongEmphasis node) {
            strong++;
            String inner = children(node);
            strong--;
            out.append(strong > 0 || inner.isBlank() ? inner : "*" + inner + "*");
        }

        @Override
        public void visit(Link node) {
            // the label is plain text: markup inside a Slack link label is not rendered
            String label = PlainText.of(node);
            String built = link(node.getDestination(), label);
            out.append(built != null ? built : SlackText.escape(label));
        }

        @Override
        public void visit(Image image) {
            String alt = PlainText.of(image);
            String built = link(image.getDestination(), alt);
            out.append(built != null ? built : SlackText.escape(alt));
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            out.append(' ');
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            out.append('\n');
        }

        @Override
        public void visit(HtmlInline html) {
            out.append(SlackText.escape(html.getLiteral()));
        }

        @Override
        public void visit(CustomNode node) {
            visitChildren(node);
        }
    }

    /** The text of a node and its descendants without any markup, line breaks as spaces. */
    private static final class PlainText extends AbstractVisitor {
        private final StringBuilder out = new StringBuilder();

        /** The plain text of the children of {@code node}. */
        static String of(Node node) {
            PlainText plain = new PlainText();
            plain.visitChildren(node);
            return plain.out.toString();
        }

        @Override
        public void visit(Text text) {
            out.append(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            out.append(code.getLiteral());
        }

        @Override
        public void visit(HtmlInline html) {
            out.append(html.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            out.append(' ');
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            out.append(' ');
        }
    }

    /** Plain-text table layout: columns padded to equal width, a dash row under the header. */
    private static final class Table {
        private static final String GAP = "  ";

        private Table() {
        }

        /** Rows of raw cell text laid out as lines; widths count raw characters, as they are displayed. */
        static String layout(List<List<String>> rows, int headerRows) {
            List<Integer> widths = widths(rows);
            StringJoiner lines = new StringJoiner("\n");
            for (int r = 0; r < rows.size(); r++) {
                lines.add(line(rows.get(r), widths));
                if (r == headerRows - 1) {
                    lines.add(separator(widths));
                }
            }
            return lines.toString();
        }

        private static List<Integer> widths(List<List<String>> rows) {
            List<Integer> widths = new ArrayList<>();
            for (List<String> row : rows) {
                for (int c = 0; c < row.size(); c++) {
                    int w = row.get(c).length();
                    if (c == widths.size()) {
                        widths.add(w);
                    } else if (w > widths.get(c)) {
                        widths.set(c, w);
                    }
                }
            }
            return widths;
        }

        private static String line(List<String> row, List<Integer> widths) {
            StringJoiner cells = new StringJoiner(GAP);
            for (int c = 0; c < widths.size(); c++) {
                String cell = c < row.size() ? row.get(c) : "";
                cells.add(cell + " ".repeat(widths.get(c) - cell.length()));
            }
            return cells.toString().stripTrailing();
        }

        private static String separator(List<Integer> widths) {
            StringJoiner cells = new StringJoiner(GAP);
            for (int width : widths) {
                cells.add("-".repeat(Math.max(1, width)));
            }
            return cells.toString();
        }
    }
}
