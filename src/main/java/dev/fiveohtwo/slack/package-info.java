/**
 * The Slack edge: {@code /502} commands and button clicks in (HTTP or Socket Mode, through Bolt), Block Kit out
 * (Handlebars templates under {@code templates/}). Handlers parse, ack and hand off; checks run on a bounded pool.
 */
package dev.fiveohtwo.slack;
