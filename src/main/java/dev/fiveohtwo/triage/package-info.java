/** One check of one server (or of a group, in parallel), end to end: collect, diagnose, report. */
package dev.fiveohtwo.triage;
