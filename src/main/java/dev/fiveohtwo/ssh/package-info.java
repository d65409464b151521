/**
 * Runs one command on a server and returns a classified outcome. {@link dev.fiveohtwo.ssh.Executor#of} is the one
 * executor, picking SSH or this machine by the server's transport; each {@link dev.fiveohtwo.ssh.Exec} carries its
 * own deadline. {@link dev.fiveohtwo.ssh.SshExecutor} is the only class that knows JSch; nothing here turns strict
 * host-key checking off.
 */
package dev.fiveohtwo.ssh;
