package dev.fiveohtwo.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A Markdown table as plain text for a code block, the only way to keep its columns aligned in Slack: columns
 * padded to equal width, a dash row under the header.
 */
final class MrkdwnTable {
    private static final String GAP = "  ";

    private MrkdwnTable() {}

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
