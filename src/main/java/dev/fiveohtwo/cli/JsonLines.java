package dev.fiveohtwo.cli;

import dev.fiveohtwo.system.JsonText;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.TriageListener;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code --format jsonl}: writes each report as one line of JSON as soon as its server is done, so a long group
 * run can be piped into {@code jq} or a log shipper while it runs, with what changed since the server's last healthy
 * check as in {@code --format json}. Passes every event on to {@code next}.
 */
final class JsonLines implements TriageListener {
    private final TriageListener next;
    private final PrintStream out;
    private final JsonMapper json;
    private final History history;
    private final Set<String> written = new HashSet<>();

    JsonLines(TriageListener next, PrintStream out, JsonMapper json, History history) {
        this.next = next;
        this.out = out;
        this.json = json;
        this.history = history;
    }

    @Override
    public void started(String server) {
        next.started(server);
    }

    @Override
    public void section(String server, String name) {
        next.section(server, name);
    }

    @Override
    public void finished(Report report) {
        String line;
        try {
            line = JsonText.of(json, History.json(report, history.comparison(report)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            // a check given up on by its backstop may still finish later: its server has its line already
            if (written.add(report.server())) {
                out.println(line);
                out.flush();
            }
        }
        next.finished(report);
    }
}
