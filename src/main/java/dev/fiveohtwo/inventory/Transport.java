package dev.fiveohtwo.inventory;

/** How the collector reaches a server. */
public enum Transport {
    /** Over SSH with strict host-key checking. */
    SSH,
    /** On this machine, as the user running fiveohtwo. */
    LOCAL
}
