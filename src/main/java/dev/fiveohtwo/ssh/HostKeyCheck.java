package dev.fiveohtwo.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Strict host-key checking against a known_hosts file that also remembers the key a server presented,
 * so that a refusal can show its fingerprint. It never adds or removes keys.
 */
final class HostKeyCheck implements HostKeyRepository {
    private final HostKeyRepository knownHosts;
    private volatile byte[] presented;
    private volatile int result = OK;

    HostKeyCheck(HostKeyRepository knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public int check(String host, byte[] key) {
        presented = key.clone();
        result = knownHosts.check(host, key);
        return result;
    }

    boolean changed() {
        return result == CHANGED;
    }

    /** The presented key as OpenSSH prints it: {@code SHA256:...} and its type, or empty when none was seen. */
    String fingerprint() {
        byte[] key = presented;
        if (key == null) {
            return "";
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(key);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha) + " (" + keyType() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key type for {@code ssh-keyscan -t}: ed25519, rsa, ecdsa. */
    String keyType() {
        byte[] key = presented;
        if (key == null || key.length < 4) {
            return "ed25519";
        }
        ByteBuffer b = ByteBuffer.wrap(key);
        int len = b.getInt();
        if (len <= 0 || len > key.length - 4) {
            return "ed25519";
        }
        String name = new String(key, 4, len, StandardCharsets.US_ASCII);
        if (name.startsWith("ecdsa")) {
            return "ecdsa";
        }
        return name.startsWith("ssh-") ? name.substring(4) : name;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // strict: keys are added by an operator, never by fiveohtwo
    }

    @Override
    public void remove(String host, String type) {}

    @Override
    public void remove(String host, String type, byte[] key) {}

    @Override
    public String getKnownHostsRepositoryID() {
        return knownHosts.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return knownHosts.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return knownHosts.getHostKey(host, type);
    }
}
