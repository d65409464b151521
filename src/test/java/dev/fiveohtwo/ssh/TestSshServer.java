package dev.fiveohtwo.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * An embedded SSH server on 127.0.0.1 (Apache MINA SSHD) that runs each exec through {@code /bin/sh -c},
 * as OpenSSH does, accepts one client key and allows port forwarding (for jump hosts).
 */
public final class TestSshServer implements AutoCloseable {
    private final SshServer sshd;
    private final Path dir;

    private TestSshServer(SshServer sshd, Path dir) {
        this.sshd = sshd;
        this.dir = dir;
    }

    /** Starts a server whose host key lives in {@code dir/hostkey-<name>} and which accepts {@code clientPublicKey}. */
    public static TestSshServer start(Path dir, String name, Path authorizedKeys) throws IOException {
        return start(dir, name, authorizedKeys, UnaryOperator.identity());
    }

    /**
     * As {@link #start(Path, String, Path)}, with each exec's command line passed through {@code rewrite} first:
     * a test stands in a hung, garbled or dying collector for the real one.
     */
    public static TestSshServer start(Path dir, String name, Path authorizedKeys, UnaryOperator<String> rewrite)
            throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey-" + name));
        keys.setAlgorithm("EC");
        sshd.setKeyPairProvider(keys);
        sshd.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
        sshd.setCommandFactory((channel, command) -> {
            String run = rewrite.apply(command);
            return new ProcessShellFactory(run, "/bin/sh", "-c", run).createShell(channel);
        });
        sshd.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        sshd.start();
        return new TestSshServer(sshd, dir);
    }

    public int port() {
        return sshd.getPort();
    }

    /** The known_hosts line for this server. */
    public String knownHostsLine() {
        try {
            PublicKey key =
                    sshd.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
            return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    /** Writes a fresh ECDSA client key pair: {@code dir/id_ecdsa} and an authorized_keys file with its public half. */
    public static Path clientKey(Path dir) throws Exception {
        JSch jsch = new JSch();
        KeyPair pair = KeyPair.genKeyPair(jsch, KeyPair.ECDSA, 256);
        Path key = dir.resolve("id_ecdsa");
        pair.writePrivateKey(key.toString());
        java.io.ByteArrayOutputStream pub = new java.io.ByteArrayOutputStream();
        pair.writePublicKey(pub, "fiveohtwo-test");
        Files.write(
                dir.resolve("authorized_keys"),
                List.of(pub.toString(StandardCharsets.US_ASCII).strip()));
        pair.dispose();
        return key;
    }
}
