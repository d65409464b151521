package dev.fiveohtwo.knowledge;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.inventory.Server;

/** Turns the evidence of one server into a diagnosis. */
public interface EvidenceMatcher {
    Diagnosis diagnose(Server server, Evidence evidence);
}
