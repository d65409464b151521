package dev.fiveohtwo.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What nginx is configured to talk to, and whether its configuration passes {@code nginx -T}.
 *
 * @param installed  nginx was found on the server
 * @param testPassed {@code nginx -T} said the test is successful
 * @param testErrors {@code [emerg]}/{@code [crit]} lines that are real configuration errors (not permission problems)
 * @param passes     {@code directive target} pairs, e.g. {@code fastcgi_pass unix:/run/php/php8.2-fpm.sock}
 * @param upstreams  {@code upstream-name address params} of servers inside upstream blocks
 * @param keepalive  idle connections each {@code upstream} group keeps ({@code keepalive N}), by group name
 * @param instance   which nginx master's configuration was read, when the host runs several
 */
public record NginxSetup(
        boolean installed,
        boolean testPassed,
        List<String> testErrors,
        List<Pass> passes,
        List<UpstreamServer> upstreams,
        Map<String, Integer> keepalive,
        String workerUser,
        List<String> workerGroups,
        Instance instance) {

    /**
     * The nginx masters on the host and the one diagnosed.
     *
     * @param masters  how many {@code nginx: master} processes run
     * @param chosenBy why this configuration: {@code inventory}, {@code only}, {@code front-port N} or {@code first}
     *                 (several, and none listens on the front's port: a guess)
     * @param config   the configuration file read
     * @param others   {@code pid config} of the masters (all of them), as the collector saw them
     */
    public record Instance(int masters, String chosenBy, String config, List<String> others) {
        static Instance parse(String section) {
            int masters = 0;
            String chosen = "";
            String config = "";
            List<String> all = new ArrayList<>();
            for (String line : section.split("\n")) {
                if (line.startsWith("masters=")) {
                    masters = Numbers.integer(line.substring(8).strip()).orElse(0);
                } else if (line.startsWith("chosen=")) {
                    chosen = line.substring(7).strip();
                } else if (line.startsWith("config=")) {
                    config = line.substring(7).strip();
                } else if (line.startsWith("master=")) {
                    String[] f = line.substring(7).split("\\|", -1);
                    all.add("pid " + f[0] + " " + (f.length > 1 && !f[1].isBlank() ? f[1] : "(default config)"));
                }
            }
            return new Instance(masters, chosen, config, List.copyOf(all));
        }
    }

    /** A {@code *_pass} directive and its target. */
    public record Pass(String directive, String target) {}

    /** A {@code server} line inside an {@code upstream} block. */
    public record UpstreamServer(String upstream, String address, String params) {}

    static NginxSetup parse(String config, String upstreams, String user, String instance) {
        boolean installed = !config.startsWith("nginx: not installed");
        boolean passed = config.contains("test is successful");
        List<String> errors = new ArrayList<>();
        for (String line : config.split("\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (line.startsWith("nginx: [emerg]")
                    || line.startsWith("nginx: [crit]")
                    || line.startsWith("nginx: [alert]")) {
                if (!l.contains("permission denied") && !l.contains("(13:")) {
                    errors.add(line.strip());
                }
            }
        }
        List<Pass> passes = new ArrayList<>();
        List<UpstreamServer> servers = new ArrayList<>();
        Map<String, Integer> keepalive = new java.util.LinkedHashMap<>();
        for (String line : upstreams.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("pass") && f.length >= 3) {
                passes.add(new Pass(f[1], f[2]));
            } else if (f[0].equals("server") && f.length >= 4) {
                servers.add(new UpstreamServer(f[1], f[2], f[3]));
            } else if (f[0].equals("keepalive") && f.length >= 3 && f[2].matches("[0-9]{1,6}")) {
                keepalive.put(f[1], Integer.parseInt(f[2]));
            }
        }
        String worker = "www-data";
        List<String> groups = List.of();
        for (String line : user.split("\n")) {
            if (line.startsWith("user=") && line.length() > 5) {
                worker = line.substring(5).strip();
            } else if (line.startsWith("groups=")) {
                groups = List.of(line.substring(7).strip().split("\\s+"));
            }
        }
        return new NginxSetup(
                installed,
                passed && errors.isEmpty(),
                List.copyOf(errors),
                List.copyOf(passes),
                List.copyOf(servers),
                java.util.Collections.unmodifiableMap(keepalive),
                worker,
                groups,
                Instance.parse(instance));
    }
}
