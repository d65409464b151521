package dev.fiveohtwo.checks;

import java.util.List;

/**
 * The end of one log file on the server.
 *
 * @param name   {@code nginx-error}, {@code php-fpm}, {@code app} or {@code kernel}
 * @param status {@code ok}, {@code missing} or {@code unreadable}
 */
public record LogTail(String name, String path, String status, List<LogLine> lines, boolean truncated) {}
