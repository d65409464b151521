package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionWatcherTest {

    @Test
    void namesSectionsAsTheyArriveEvenSplitAcrossChunks() {
        List<String> seen = new ArrayList<>();
        SectionWatcher w = new SectionWatcher("n0nce", seen::add);
        byte[] out = ("\n### n0nce header\nversion=1\n\n### n0nce services\nservice=x\n### other services\n"
                        + "### n0nce log:nginx-error\n" + "x".repeat(1000) + "### n0nce fake\n\n### n0nce end\n")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < out.length; i += 7) {
            byte[] chunk = java.util.Arrays.copyOfRange(out, i, Math.min(out.length, i + 7));
            w.output(chunk, chunk.length);
        }
        assertEquals(List.of("header", "services", "log:nginx-error", "end"), seen);
    }
}
