package dev.fiveohtwo.inventory;

import java.nio.file.Path;

/**
 * Why a well-formed server entry cannot be checked: its key or known-hosts file cannot be used. Only that server is
 * affected; the others are checked as usual.
 *
 * @param key  the inventory key at fault, {@code identity} or {@code known-hosts}
 * @param path the file it names, with {@code ~} expanded
 */
public record Unusable(String server, String key, Path path, String problem) {

    /** {@code web-01.identity: /home/bot/.ssh/id_missing does not exist}. */
    public String message() {
        return server + "." + key + ": " + path + " " + problem;
    }
}
