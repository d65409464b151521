package dev.fiveohtwo.knowledge;

import java.util.List;

/** The verdict for one server and its findings, root causes first. */
public record Diagnosis(Verdict verdict, List<Finding> findings) {
}
