/** Alert-started checks: Alertmanager, Grafana and other monitors ask for a check, and its findings go to Slack once per incident. */
package dev.fiveohtwo.alerts;
