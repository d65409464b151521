-- Alert incidents: one row per alert (its fingerprint), per group storm, per
-- "matched no server" notice and per /hooks/check request window. The primary key makes the first INSERT win, so
-- one replica posts the message; the others, a restart and Alertmanager's repeats find the row and at most update
-- that message. Each later step (re-check, resolved, firing again, reopened) is a conditional UPDATE that one caller
-- wins. message_ts 'storm:<ts>' marks an alert a storm summary covers.
CREATE TABLE alert_incident (
    incident_key VARCHAR(255) PRIMARY KEY,
    channel_id   VARCHAR(64)  NOT NULL,
    message_ts   VARCHAR(64),
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    checked_at   TIMESTAMP WITH TIME ZONE,
    resolved_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX alert_incident_claimed ON alert_incident (claimed_at);
