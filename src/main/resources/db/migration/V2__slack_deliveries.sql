-- Slack deliveries already handled, one row per delivery key (a command's trigger_id; a click's trigger_id and
-- action_ts). The primary key makes the first INSERT win, so a retried or replayed request does its work once
-- across restarts and across replicas on one database. Rows older than the replay window are deleted.
CREATE TABLE slack_delivery (
    delivery_key VARCHAR(255) PRIMARY KEY,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX slack_delivery_received ON slack_delivery (received_at);
