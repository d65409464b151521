package dev.fiveohtwo.slack;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A Slack delivery the bot has handled: see {@link Deliveries}. */
@MappedEntity("slack_delivery")
record Delivery(@Id String deliveryKey, Instant receivedAt) {}
