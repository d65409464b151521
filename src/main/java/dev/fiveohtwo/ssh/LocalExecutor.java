package dev.fiveohtwo.ssh;

import dev.fiveohtwo.inventory.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs the command on this machine, as the current user, for servers with {@code transport: local}. */
final class LocalExecutor implements Executor {

    @Override
    public ExecOutcome run(Server server, Exec exec, OutputListener listener) {
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(exec.argv()).redirectErrorStream(false).start();
        } catch (IOException e) {
            return new ExecOutcome.Unreachable(
                    ExecOutcome.Reason.LOCAL_FAILED,
                    e.getMessage(),
                    "check that '" + exec.argv().get(0) + "' is installed",
                    since(start));
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(exec.stdin());
        } catch (IOException e) {
            // the command exited before reading all its input: its output says why
        }
        BoundedReader stdout = BoundedReader.start(process.getInputStream(), exec.maxOutputBytes(), listener);
        BoundedReader stderr = BoundedReader.start(process.getErrorStream(), 64 * 1024, OutputListener.NONE);
        try {
            long deadline = exec.timeout().toNanos();
            if (!process.waitFor(deadline, TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new ExecOutcome.TimedOut(stdout.awaitBytes(), exec.timeout(), since(start));
            }
            byte[] out = stdout.awaitBytes();
            return new ExecOutcome.Completed(
                    process.exitValue(),
                    out,
                    new String(stderr.awaitBytes(), StandardCharsets.UTF_8),
                    stdout.truncated(),
                    since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new ExecOutcome.TimedOut(new byte[0], exec.timeout(), since(start));
        }
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Drains a stream on its own thread, keeping at most {@code cap} bytes. */
    static final class BoundedReader {
        private final Thread thread;
        private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        private volatile boolean truncated;

        private BoundedReader(InputStream in, int cap, OutputListener listener) {
            this.thread = new Thread(() -> drain(in, cap, listener), "fiveohtwo-local-reader");
            this.thread.setDaemon(true);
        }

        static BoundedReader start(InputStream in, int cap, OutputListener listener) {
            BoundedReader r = new BoundedReader(in, cap, listener);
            r.thread.start();
            return r;
        }

        private void drain(InputStream in, int cap, OutputListener listener) {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    listener.output(buf, n);
                    synchronized (kept) {
                        int room = cap - kept.size();
                        kept.write(buf, 0, Math.max(0, Math.min(room, n)));
                        truncated |= n > room;
                    }
                }
            } catch (IOException e) {
                // the process was killed: keep what was read
            }
        }

        byte[] awaitBytes() throws InterruptedException {
            thread.join(2000);
            synchronized (kept) {
                return kept.toByteArray();
            }
        }

        boolean truncated() {
            return truncated;
        }
    }
}
