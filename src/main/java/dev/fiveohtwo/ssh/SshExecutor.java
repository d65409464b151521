package dev.fiveohtwo.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.OpenSSHConfig;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Unusable;
import dev.fiveohtwo.ssh.ExecOutcome.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs a command over SSH with JSch: key authentication, strict host-key checking (always), jump hosts,
 * a connect timeout and a deadline for the whole command. Failures become {@link ExecOutcome.Unreachable}
 * with the reason and what to try.
 */
final class SshExecutor implements Executor {
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fiveohtwo-ssh-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Function<String, Server> servers;
    private final Path home;
    private final Map<String, String> env;
    private final Map<List<Object>, JSch> loaded = new ConcurrentHashMap<>();

    /**
     * @param servers finds a jump host by its inventory name
     * @param home    where {@code ~/.ssh} lives
     */
    SshExecutor(Function<String, Server> servers, Path home, Map<String, String> env) {
        this.servers = servers;
        this.home = home;
        this.env = env;
    }

    @Override
    public ExecOutcome run(Server server, Exec exec, OutputListener listener) {
        long start = System.nanoTime();
        List<Session> chain = new ArrayList<>();
        List<Server> hops = hops(server);
        String forwardedHost = null;
        int forwardedPort = 0;
        try {
            for (int i = 0; i < hops.size(); i++) {
                Server hop = hops.get(i);
                Optional<Unusable> unusable = hop.unusable();
                if (unusable.isPresent()) {
                    return via(server, hop, unusable(unusable.get(), LocalExecutor.since(start)));
                }
                HostKeyCheck keys = null;
                try {
                    JSch jsch = jsch(hop);
                    Session session = forwardedHost == null
                            ? jsch.getSession(hop.user(), hop.host(), hop.port())
                            : jsch.getSession(hop.user(), forwardedHost, forwardedPort);
                    keys = new HostKeyCheck(jsch.getHostKeyRepository());
                    session.setHostKeyRepository(keys);
                    if (forwardedHost != null) {
                        session.setHostKeyAlias(knownHostsName(hop.host(), hop.port()));
                    }
                    configure(session);
                    chain.add(session);
                    session.connect((int) hop.connectTimeout().toMillis());
                    if (i + 1 < hops.size()) {
                        Server next = hops.get(i + 1);
                        forwardedHost = "127.0.0.1";
                        forwardedPort = session.setPortForwardingL("127.0.0.1", 0, next.host(), next.port());
                    }
                } catch (JSchException | RuntimeException e) {
                    return via(server, hop, classify(hop, e, keys, LocalExecutor.since(start)));
                }
            }
            return exec(chain.get(chain.size() - 1), server, exec, start, listener);
        } finally {
            for (int i = chain.size() - 1; i >= 0; i--) {
                chain.get(i).disconnect();
            }
        }
    }

    /** What failed on a jump host is told as the jump that failed, with that host's own reason inside. */
    private static ExecOutcome.Unreachable via(Server server, Server hop, ExecOutcome.Unreachable why) {
        if (hop == server) {
            return why;
        }
        return new ExecOutcome.Unreachable(
                Reason.JUMP_FAILED,
                "via " + hop.name() + " (" + hop.login() + "): " + why.reason().label() + " — " + why.detail(),
                why.hint(),
                why.took());
    }

    private static ExecOutcome.Unreachable unusable(Unusable u, Duration took) {
        return u.key().equals("identity")
                ? new ExecOutcome.Unreachable(
                        Reason.KEY_UNUSABLE,
                        u.message(),
                        "fix the identity path in the inventory or the key file's permissions; 'fiveohtwo inventory validate' lists every such entry",
                        took)
                : new ExecOutcome.Unreachable(
                        Reason.KNOWN_HOSTS_UNUSABLE,
                        u.message(),
                        "point known-hosts at a regular OpenSSH known_hosts file; 'fiveohtwo inventory validate' lists every such entry",
                        took);
    }

    private List<Server> hops(Server server) {
        List<Server> hops = new ArrayList<>();
        for (Server at = server; ; at = servers.apply(at.jump().get())) {
            hops.add(0, at);
            if (at.jump().isEmpty() || hops.size() > 8) {
                return hops;
            }
        }
    }

    private ExecOutcome exec(Session session, Server server, Exec exec, long start, OutputListener listener) {
        AtomicBoolean timedOut = new AtomicBoolean();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        BoundedStream stderr = new BoundedStream(64 * 1024);
        boolean truncated = false;
        ChannelExec channel = null;
        ScheduledFuture<?> deadline = DEADLINES.schedule(
                () -> {
                    timedOut.set(true);
                    session.disconnect();
                },
                exec.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(exec.commandLine());
            channel.setInputStream(new ByteArrayInputStream(exec.stdin()));
            channel.setErrStream(stderr, true);
            InputStream out = channel.getInputStream();
            channel.connect((int) server.connectTimeout().toMillis());
            byte[] buf = new byte[16384];
            for (int n; (n = out.read(buf)) >= 0; ) {
                listener.output(buf, n);
                int room = exec.maxOutputBytes() - stdout.size();
                stdout.write(buf, 0, Math.max(0, Math.min(room, n)));
                truncated |= n > room;
            }
            while (!channel.isClosed() && !timedOut.get()) {
                Thread.sleep(1);
            }
        } catch (JSchException | IOException e) {
            if (!timedOut.get()) {
                return classify(server, e, null, LocalExecutor.since(start));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timedOut.set(true);
        } finally {
            deadline.cancel(false);
            if (channel != null) {
                channel.disconnect();
            }
        }
        if (timedOut.get()) {
            return new ExecOutcome.TimedOut(stdout.toByteArray(), exec.timeout(), LocalExecutor.since(start));
        }
        return new ExecOutcome.Completed(
                channel.getExitStatus(), stdout.toByteArray(), stderr.text(), truncated, LocalExecutor.since(start));
    }

    /**
     * A JSch holds the parsed ~/.ssh/config, known_hosts and key pairs; parsing them costs more client CPU than
     * the rest of a check, so servers that share the same files share one. The key includes each file's size and
     * mtime, so an edited file is read again by a running bot.
     */
    private JSch jsch(Server hop) throws JSchException {
        if (hop.identity().isEmpty() && env.get("SSH_AUTH_SOCK") != null) {
            return load(hop);
        }
        List<Object> key = new ArrayList<>();
        key.add(stamp(home.resolve(".ssh/config")));
        key.add(stamp(hop.knownHosts()));
        if (hop.identity().isPresent()) {
            key.add(stamp(hop.identity().get()));
        } else {
            DEFAULT_KEYS.forEach(name -> key.add(stamp(home.resolve(".ssh").resolve(name))));
        }
        JSch cached = loaded.get(key);
        if (cached != null) {
            return cached;
        }
        JSch fresh = load(hop);
        if (loaded.size() > 64) {
            loaded.clear();
        }
        cached = loaded.putIfAbsent(List.copyOf(key), fresh);
        return cached == null ? fresh : cached;
    }

    /** A file as a cache key: its path, size and mtime; a missing or odd file is its path alone (never cached wrong: see load). */
    private static List<Object> stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(
                    file.toString(),
                    a.isRegularFile(),
                    a.size(),
                    a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return List.of(file.toString());
        }
    }

    private JSch load(Server hop) throws JSchException {
        JSch jsch = new JSch();
        Path config = home.resolve(".ssh/config");
        if (Files.isRegularFile(config) && Files.isReadable(config)) {
            try {
                jsch.setConfigRepository(OpenSSHConfig.parseFile(config.toString()));
            } catch (IOException e) {
                throw new JSchException("cannot read " + config + ": " + e.getMessage());
            }
        }
        // run() has refused a known-hosts or identity that is not a regular file (Server.unusable): JSch would read a
        // device or a FIFO without end
        if (Files.exists(hop.knownHosts())) {
            jsch.setKnownHosts(hop.knownHosts().toString());
        }
        if (hop.identity().isPresent()) {
            jsch.addIdentity(hop.identity().get().toString());
        } else if (env.get("SSH_AUTH_SOCK") != null) {
            try {
                jsch.setIdentityRepository(new AgentIdentityRepository(new SSHAgentConnector()));
            } catch (AgentProxyException e) {
                throw new JSchException("ssh-agent at SSH_AUTH_SOCK is not usable: " + e.getMessage());
            }
        } else {
            for (String name : DEFAULT_KEYS) {
                Path key = home.resolve(".ssh").resolve(name);
                if (Files.isRegularFile(key) && Files.isReadable(key)) {
                    jsch.addIdentity(key.toString());
                }
            }
        }
        return jsch;
    }

    private static void configure(Session session) {
        // Set after the session applied ~/.ssh/config, so that no config file can weaken these.
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("HashKnownHosts", "no");
        session.setConfig("PreferredAuthentications", "publickey");
        session.setConfig(
                "kex",
                "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
                        + "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,"
                        + "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256");
    }

    /** The name known_hosts uses: {@code host}, or {@code [host]:port} off port 22. */
    static String knownHostsName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private static ExecOutcome.Unreachable classify(Server s, Exception e, HostKeyCheck keys, Duration took) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String where = s.host() + ":" + s.port();
        String msg = Optional.ofNullable(e.getMessage()).orElse(e.toString());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (e instanceof JSchUnknownHostKeyException
                || (keys != null && !keys.changed() && lower.contains("unknownhostkey"))) {
            String fp = keys == null ? "" : keys.fingerprint();
            return new ExecOutcome.Unreachable(
                    Reason.HOST_KEY_UNKNOWN,
                    where + " presented " + (fp.isEmpty() ? "a key" : fp) + ", which is not in " + s.knownHosts(),
                    "verify the fingerprint out of band, then: ssh-keyscan -p " + s.port() + " -t "
                            + (keys == null ? "ed25519" : keys.keyType()) + " " + s.host() + " >> " + s.knownHosts(),
                    took);
        }
        if (e instanceof JSchChangedHostKeyException || (keys != null && keys.changed())) {
            String fp = keys == null ? "" : keys.fingerprint();
            return new ExecOutcome.Unreachable(
                    Reason.HOST_KEY_CHANGED,
                    where + " now presents " + (fp.isEmpty() ? "a different key" : fp) + ", not the one in "
                            + s.knownHosts(),
                    "if the server was rebuilt on purpose: ssh-keygen -R " + knownHostsName(s.host(), s.port()) + " -f "
                            + s.knownHosts() + " && ssh-keyscan -p " + s.port() + " " + s.host() + " >> "
                            + s.knownHosts()
                            + "; otherwise treat it as an attack",
                    took);
        }
        if (cause instanceof UnknownHostException) {
            return new ExecOutcome.Unreachable(
                    Reason.DNS,
                    "'" + s.host() + "' does not resolve",
                    "check the host name in the inventory and DNS (getent hosts " + s.host() + ")",
                    took);
        }
        if (cause instanceof ConnectException && lower.contains("refused")) {
            return new ExecOutcome.Unreachable(
                    Reason.REFUSED,
                    "SSH to " + where + " refused",
                    "is sshd running and listening on port " + s.port() + "? (systemctl status ssh)",
                    took);
        }
        if (cause instanceof NoRouteToHostException) {
            return new ExecOutcome.Unreachable(
                    Reason.NO_ROUTE,
                    "no route to " + where,
                    "the host may be down, or a firewall rejects port " + s.port(),
                    took);
        }
        if (cause instanceof SocketTimeoutException || lower.contains("timeout") || lower.contains("timed out")) {
            return new ExecOutcome.Unreachable(
                    Reason.TIMEOUT,
                    "no answer from " + where + " within " + s.connectTimeout().toMillis() + " ms",
                    "the host may be down or overloaded, or a firewall drops port " + s.port(),
                    took);
        }
        if (lower.contains("auth fail") || lower.contains("auth cancel") || lower.contains("userauth")) {
            return new ExecOutcome.Unreachable(
                    Reason.AUTH_FAILED,
                    s.user() + "@" + where + " did not accept our key",
                    "check that the bot's public key is in ~" + s.user() + "/.ssh/authorized_keys on the server",
                    took);
        }
        if (lower.contains("privatekey") || lower.contains("invalid private key") || lower.contains("identity")) {
            return new ExecOutcome.Unreachable(
                    Reason.KEY_UNUSABLE,
                    "the private key could not be used: " + firstLine(msg),
                    "use an unencrypted key file or an ssh-agent; check the identity path",
                    took);
        }
        if (e instanceof JSchAlgoNegoFailException || lower.contains("algorithm negotiation")) {
            return new ExecOutcome.Unreachable(
                    Reason.PROTOCOL,
                    "no common SSH algorithms with " + where,
                    "the server may be very old or restricted; check its sshd KexAlgorithms/HostKeyAlgorithms",
                    took);
        }
        if (cause instanceof ConnectException) {
            return new ExecOutcome.Unreachable(
                    Reason.REFUSED,
                    "SSH to " + where + ": " + firstLine(msg),
                    "is sshd running and listening on port " + s.port() + "?",
                    took);
        }
        return new ExecOutcome.Unreachable(
                Reason.OTHER,
                where + ": " + firstLine(msg),
                "try: ssh -v -p " + s.port() + " " + s.user() + "@" + s.host() + " true",
                took);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Keeps the first bytes of a stream, drops the rest. */
    private static final class BoundedStream extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int cap;

        BoundedStream(int cap) {
            this.cap = cap;
        }

        @Override
        public synchronized void write(int b) {
            if (kept.size() < cap) {
                kept.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            kept.write(b, off, Math.max(0, Math.min(len, cap - kept.size())));
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
