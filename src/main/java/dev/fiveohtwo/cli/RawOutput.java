package dev.fiveohtwo.cli;

import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.triage.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what the collector printed, section by section, in the collector's own format: a saved file is a
 * recorded evidence fixture that the knowledge tests can replay.
 */
final class RawOutput {
    static final String NONCE = "saved";

    private RawOutput() {
    }

    static void save(Path file, List<Report> reports) throws IOException {
        for (Report r : reports) {
            if (r.evidence().isEmpty()) {
                continue;
            }
            Path target = reports.size() == 1 ? file : file.resolveSibling(file.getFileName() + "." + r.server());
            Files.writeString(target, format(r.evidence().get().raw()), StandardCharsets.UTF_8);
        }
    }

    static String format(Sections s) {
        StringBuilder out = new StringBuilder();
        s.text().forEach((name, text) -> out.append("\n### ").append(NONCE).append(' ').append(name).append('\n')
            .append(text).append(text.isEmpty() || text.endsWith("\n") ? "" : "\n"));
        return out.toString();
    }
}
