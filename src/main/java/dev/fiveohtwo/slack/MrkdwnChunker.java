package dev.fiveohtwo.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts rendered mrkdwn blocks into chunks of a section's size: between blocks, else between lines, else between
 * words; a code block cut in two is closed and reopened, a quoted line keeps its markers, and no cut falls inside
 * an entity, a link or a surrogate pair.
 */
final class MrkdwnChunker {
    // quote markers are our own: a '>' from the article is always escaped
    private static final Pattern QUOTE_MARKERS = Pattern.compile("(?:> ?)+");
    private static final Pattern FENCE = SlackMarkdown.FENCE;

    private MrkdwnChunker() {}

    /** Packs blocks greedily, a blank line apart; a block too long for any chunk is cut by lines first. */
    static List<String> chunk(List<String> blocks, int max) {
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
}
