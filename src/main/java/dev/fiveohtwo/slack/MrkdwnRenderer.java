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

/**
 * Renders one Markdown block with its children into mrkdwn, unchunked; inline nodes append to the current buffer.
 * Every text is escaped, and the only links are the ones built here, for http, https and mailto.
 */
final class MrkdwnRenderer extends AbstractVisitor {
    private static final Pattern FENCE = SlackMarkdown.FENCE;
    private static final Pattern BARE_URL = Pattern.compile("(?i)\\b(?:https?://|mailto:)[^\\s<>\"]+");
    private static final String NESTED_INDENT = "    ";
    private static final String RULE = "———";

    private StringBuilder out = new StringBuilder();
    // Slack cannot nest bold in bold or italics in italics: inner markers would end the outer span
    private int strong;
    private int emphasis;

    /** The mrkdwn of one block, unchunked. */
    static String render(Node block) {
        MrkdwnRenderer renderer = new MrkdwnRenderer();
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
        codeBlock(MrkdwnTable.layout(rows, headerRows));
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

    /** {@code <url|label>} for http, https and mailto targets; null for anything else (javascript:, files). */
    private static String link(String url, String label) {
        if (!linkable(url)) {
            return null;
        }
        String shown = label.isBlank() ? url : label;
        // '|' would end the target and a raw '>' the whole link; in the label they are harmless once replaced
        String target = url.replace("&", "&amp;")
                .replace("<", "%3C")
                .replace(">", "%3E")
                .replace("|", "%7C")
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
}
