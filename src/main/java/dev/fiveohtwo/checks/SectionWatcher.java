package dev.fiveohtwo.checks;

import dev.fiveohtwo.ssh.Executor;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Watches the collector's output as it arrives and names each section as it starts, for progress displays. */
final class SectionWatcher implements Executor.OutputListener {
    private static final int MAX_HEADER = 160;
    private final byte[] marker;
    private final Consumer<String> onSection;
    private final byte[] line = new byte[MAX_HEADER];
    private int length;
    private boolean overlong;

    SectionWatcher(String nonce, Consumer<String> onSection) {
        this.marker = ("### " + nonce + " ").getBytes(StandardCharsets.US_ASCII);
        this.onSection = onSection;
    }

    @Override
    public void output(byte[] bytes, int count) {
        for (int i = 0; i < count; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!overlong && length > marker.length && startsWithMarker()) {
                    onSection.accept(
                            new String(line, marker.length, length - marker.length, StandardCharsets.US_ASCII).strip());
                }
                length = 0;
                overlong = false;
            } else if (length < MAX_HEADER) {
                line[length++] = b;
            } else {
                overlong = true;
            }
        }
    }

    private boolean startsWithMarker() {
        for (int i = 0; i < marker.length; i++) {
            if (line[i] != marker[i]) {
                return false;
            }
        }
        return true;
    }
}
