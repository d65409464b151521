package dev.fiveohtwo.cli;

import dev.fiveohtwo.reports.RawText;
import dev.fiveohtwo.triage.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what the collector printed, section by section, in the collector's own format ({@link RawText}): a saved
 * file is a recorded evidence fixture that the knowledge tests can replay.
 */
final class RawOutput {
    private RawOutput() {}

    static void save(Path file, List<Report> reports) throws IOException {
        for (Report r : reports) {
            if (r.evidence().isEmpty()) {
                continue;
            }
            Path target = reports.size() == 1 ? file : file.resolveSibling(file.getFileName() + "." + r.server());
            Files.writeString(target, RawText.of(r.evidence().get().raw()), StandardCharsets.UTF_8);
        }
    }
}
