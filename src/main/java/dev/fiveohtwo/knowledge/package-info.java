/**
 * The knowledge base: one Markdown article per cause of a 502, with declarative match rules in its front
 * matter, and the {@link dev.fiveohtwo.knowledge.EvidenceMatcher} that turns evidence into ranked findings.
 */
package dev.fiveohtwo.knowledge;
