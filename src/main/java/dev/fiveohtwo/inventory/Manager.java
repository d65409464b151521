package dev.fiveohtwo.inventory;

import dev.fiveohtwo.ssh.ShellQuote;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What starts and watches a service, and so what reads its state and restarts it. The restart command is built here
 * from the inventory's unit name alone, so the words that run are fixed by the manager and can be allow-listed one by
 * one in sudoers; nothing typed in chat reaches them.
 */
public enum Manager {
    /** systemd ({@code systemctl show}), or {@code ps} on a host without it: the default. */
    SYSTEMD("systemctl", "sudo -n systemctl restart "),
    /** PM2 ({@code pm2 jlist}), as the login user. */
    PM2("pm2", "pm2 restart "),
    /** supervisord ({@code supervisorctl status}). */
    SUPERVISORD("supervisorctl", "sudo -n supervisorctl restart "),
    /** A Docker or Compose container ({@code docker inspect}); the unit is the container's name. */
    DOCKER("docker", "docker restart ");

    private final String tool;
    private final String restartPrefix;

    Manager(String tool, String restartPrefix) {
        this.tool = tool;
        this.restartPrefix = restartPrefix;
    }

    /** The name the inventory uses: {@code systemd}, {@code pm2}, {@code supervisord}, {@code docker}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The program a hand-written restart command for this manager must run. */
    String tool() {
        return tool;
    }

    /** The one restart command for {@code unit} under this manager. */
    public String restartCommand(String unit) {
        // the inventory allows only these characters in a unit; quoting stays as the guard if that ever changes
        return restartPrefix + (unit.matches("[A-Za-z0-9@._:-]+") ? unit : ShellQuote.quote(unit));
    }

    static Optional<Manager> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
    }
}
