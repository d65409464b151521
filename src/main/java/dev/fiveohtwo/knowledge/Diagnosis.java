package dev.fiveohtwo.knowledge;

import java.util.List;

/**
 * The verdict for one server and its findings, root causes first.
 *
 * @param alsoSeen host conditions that fired (load, memory pressure): circumstance shown beside the causes,
 *                 never ranked above them and never deciding the verdict
 */
public record Diagnosis(Verdict verdict, List<Finding> findings, List<Finding> alsoSeen) {}
