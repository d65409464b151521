package dev.fiveohtwo.inventory;

import java.util.Optional;

/**
 * A service on a server whose state the collector reads and which a restart may target.
 *
 * @param name    the inventory key, e.g. {@code php-fpm}
 * @param kind    what it is: {@code nginx}, {@code php-fpm}, {@code app}, {@code container}, {@code other}
 * @param unit    the systemd unit (or process name when there is no systemd); under another manager, the name it
 *                knows the service by (the PM2 app, the supervisord program, the container)
 * @param restart the exact command a restart runs, when restarts are allowed
 * @param process a fixed string that identifies its main process in {@code ps}, when the unit name does not
 * @param config  for nginx: the configuration file to test, when not the default
 * @param manager what starts it and reports its state
 */
public record Service(
        String name,
        String kind,
        String unit,
        Optional<String> restart,
        Optional<String> process,
        Optional<String> config,
        Manager manager) {

    /** A service systemd (or, without it, {@code ps}) knows. */
    public Service(
            String name,
            String kind,
            String unit,
            Optional<String> restart,
            Optional<String> process,
            Optional<String> config) {
        this(name, kind, unit, restart, process, config, Manager.SYSTEMD);
    }
}
