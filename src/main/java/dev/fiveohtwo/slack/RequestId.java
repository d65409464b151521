package dev.fiveohtwo.slack;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/** The short id that ties a command's log lines to its check, approval and restart, across the threads they run on. */
final class RequestId {
    private RequestId() {}

    /** A fresh id for the logging context of this thread. */
    static void start() {
        MDC.put("request", Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL));
    }

    /** {@code work}, run with the logging context of the thread that queued it. */
    static Runnable carried(Runnable work) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        return () -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                work.run();
            } finally {
                MDC.clear();
            }
        };
    }
}
