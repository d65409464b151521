/** The audit trail: an append-only record of every command, check, request, approval, refusal and restart. */
package dev.fiveohtwo.audit;
