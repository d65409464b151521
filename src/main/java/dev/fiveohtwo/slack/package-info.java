/**
 * The Slack edge: {@code /502} commands and button clicks in (HTTP or Socket Mode, through Bolt), Block Kit out
 * (Handlebars templates under {@code templates/}, words in {@code SlackViews}). {@code SlackBot} routes each
 * interaction family to its handler ({@code SlashCommands}, {@code CheckButtons}, {@code RestartFlow}), which
 * parses, acks and hands off; {@link dev.fiveohtwo.slack.CheckJobs} runs checks on a bounded pool, for Slack and
 * for anything else that asks:
 *
 * <pre>{@code
 * jobs.check(servers, Destination.channel("C0123"), "alert:FrontDown", Optional.of("FrontDown is firing"));
 * }</pre>
 */
package dev.fiveohtwo.slack;
