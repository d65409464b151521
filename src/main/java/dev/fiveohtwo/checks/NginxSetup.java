package dev.fiveohtwo.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What nginx is configured to talk to, and whether its configuration passes {@code nginx -T}.
 *
 * @param installed  nginx was found on the server
 * @param testPassed {@code nginx -T} said the test is successful
 * @param testErrors {@code [emerg]}/{@code [crit]} lines that are real configuration errors (not permission problems)
 * @param passes     {@code directive target} pairs, e.g. {@code fastcgi_pass unix:/run/php/php8.2-fpm.sock}
 * @param upstreams  {@code upstream-name address params} of servers inside upstream blocks
 */
public record NginxSetup(boolean installed, boolean testPassed, List<String> testErrors, List<Pass> passes,
                         List<UpstreamServer> upstreams, String workerUser, List<String> workerGroups) {

    /** A {@code *_pass} directive and its target. */
    public record Pass(String directive, String target) {
    }

    /** A {@code server} line inside an {@code upstream} block. */
    public record UpstreamServer(String upstream, String address, String params) {
    }

    static NginxSetup parse(String config, String upstreams, String user) {
        boolean installed = !config.startsWith("nginx: not installed");
        boolean passed = config.contains("test is successful");
        List<String> errors = new ArrayList<>();
        for (String line : config.split("\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (line.startsWith("nginx: [emerg]") || line.startsWith("nginx: [crit]") || line.startsWith("nginx: [alert]")) {
                if (!l.contains("permission denied") && !l.contains("(13:")) {
                    errors.add(line.strip());
                }
            }
        }
        List<Pass> passes = new ArrayList<>();
        List<UpstreamServer> servers = new ArrayList<>();
        for (String line : upstreams.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("pass") && f.length >= 3) {
                passes.add(new Pass(f[1], f[2]));
            } else if (f[0].equals("server") && f.length >= 4) {
                servers.add(new UpstreamServer(f[1], f[2], f[3]));
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
        return new NginxSetup(installed, passed && errors.isEmpty(), List.copyOf(errors), List.copyOf(passes),
            List.copyOf(servers), worker, groups);
    }
}
