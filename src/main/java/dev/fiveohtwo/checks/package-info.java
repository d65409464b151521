/**
 * The collector: one read-only script run on a server over one connection, and the parsers that turn its
 * sections into typed {@link dev.fiveohtwo.checks.Evidence}.
 */
package dev.fiveohtwo.checks;
