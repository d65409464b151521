package dev.fiveohtwo.cli;

import dev.fiveohtwo.system.Printable;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.TriageListener;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** One status line on a terminal, rewritten as servers start and finish, erased at the end. */
final class Progress implements TriageListener {
    private final PrintStream err;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();

    Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    @Override
    public synchronized void started(String server) {
        if (total == 1) {
            show("checking " + server + "… (services, sockets, nginx upstreams, logs, memory, disk)");
        }
    }

    @Override
    public synchronized void section(String server, String name) {
        if (total == 1 && !name.equals("end")) {
            show("checking " + server + "… " + name);
        }
    }

    @Override
    public synchronized void finished(Report report) {
        int n = done.incrementAndGet();
        if (n == total) {
            show("");
        } else {
            show("checked " + n + "/" + total + " · " + report.server() + " "
                    + report.verdict().id());
        }
    }

    /** {@code err} writes what it is given: the line is cleaned here, the erase sequence is ours. */
    private void show(String line) {
        // one line, always: a newline from a server's section name would leave a line behind
        err.print("\r\033[2K" + Printable.line(line));
        err.flush();
    }
}
