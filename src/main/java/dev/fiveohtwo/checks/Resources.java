package dev.fiveohtwo.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory, load, disks, connections, open-file limits, processes and containers of the server.
 *
 * @param memory      /proc/meminfo, when read
 * @param load1       the one-minute load average, when read
 * @param established established TCP connections ({@code ss -s}), when read
 * @param zombies     processes in state Z
 */
public record Resources(
        Optional<Memory> memory,
        Optional<Double> load1,
        int cores,
        List<Disk> disks,
        Optional<Integer> established,
        List<OpenFiles> openFiles,
        int zombies,
        List<Container> containers) {
    // ss -s ("TCP: 14 (estab 5, ...") or /proc/net/sockstat ("TCP: inuse 5 orphan 0 tw 2 ...")
    private static final Pattern ESTAB = Pattern.compile("TCP:\\s+(?:\\d+ \\(estab |inuse )(\\d+)");

    /** Kilobytes from /proc/meminfo. */
    public record Memory(long totalKb, long availableKb, long swapTotalKb, long swapFreeKb) {
        public int availablePercent() {
            return totalKb == 0 ? 100 : (int) (availableKb * 100 / totalKb);
        }

        public int swapUsedPercent() {
            return swapTotalKb == 0 ? 0 : (int) ((swapTotalKb - swapFreeKb) * 100 / swapTotalKb);
        }
    }

    /** Use of blocks or inodes of one mounted filesystem. */
    public record Disk(String measure, String mount, int usedPercent) {}

    /** The open-files limit of a master process. */
    public record OpenFiles(String process, int pid, Optional<Long> soft, Optional<Long> hard) {}

    /** A line of {@code docker ps -a}. */
    public record Container(String name, String status, String image, String ports) {
        public boolean down() {
            return status.startsWith("Exited")
                    || status.startsWith("Restarting")
                    || status.startsWith("Dead")
                    || status.startsWith("Created");
        }
    }

    static Resources parse(Sections s, int cores) {
        return new Resources(
                memory(s.get("memory")),
                load(s.get("load")),
                cores,
                disks(s.get("disk")),
                established(s.get("connections")),
                openFiles(s.get("limits")),
                zombies(s.get("processes")),
                containers(s.get("containers")));
    }

    private static Optional<Memory> memory(String text) {
        long total = -1;
        long avail = -1;
        long swapTotal = 0;
        long swapFree = 0;
        for (String line : text.split("\n")) {
            String[] f = line.split("[:\\s]+");
            if (f.length < 2) {
                continue;
            }
            long kb = Numbers.longValue(f[1]).orElse(-1L);
            switch (f[0]) {
                case "MemTotal" -> total = kb;
                case "MemAvailable" -> avail = kb;
                case "SwapTotal" -> swapTotal = Math.max(0, kb);
                case "SwapFree" -> swapFree = Math.max(0, kb);
                default -> {}
            }
        }
        return total > 0 && avail >= 0 ? Optional.of(new Memory(total, avail, swapTotal, swapFree)) : Optional.empty();
    }

    private static Optional<Double> load(String text) {
        String[] f = text.strip().split("\\s+");
        return f.length > 0 ? Numbers.decimal(f[0]) : Optional.empty();
    }

    private static List<Disk> disks(String text) {
        List<Disk> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length >= 3) {
                Numbers.percent(f[2]).ifPresent(p -> out.add(new Disk(f[0], f[1], p)));
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Integer> established(String text) {
        Matcher m = ESTAB.matcher(text);
        return m.find() ? Numbers.integer(m.group(1)) : Optional.empty();
    }

    private static List<OpenFiles> openFiles(String text) {
        List<OpenFiles> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length >= 4) {
                out.add(new OpenFiles(f[0], Numbers.integer(f[1]).orElse(0), limit(f[2]), limit(f[3])));
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Long> limit(String s) {
        return "unlimited".equals(s.strip()) ? Optional.of(Long.MAX_VALUE) : Numbers.longValue(s);
    }

    private static int zombies(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("zombies=")) {
                return Numbers.integer(line.substring(8)).orElse(0);
            }
        }
        return 0;
    }

    private static List<Container> containers(String text) {
        List<Container> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length >= 3) {
                out.add(new Container(f[0], f[1], f[2], f.length > 3 ? f[3] : ""));
            }
        }
        return List.copyOf(out);
    }
}
