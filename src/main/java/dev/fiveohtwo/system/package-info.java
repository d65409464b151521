/** Wiring: configuration and the beans every entry point (CLI, later the bot) shares. */
package dev.fiveohtwo.system;
