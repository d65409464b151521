/** The terminal: {@code fiveohtwo check}, {@code fiveohtwo kb}, and the text and JSON output they print. */
package dev.fiveohtwo.cli;
