package org.cskit.jdbc;

import java.time.Instant;
import java.util.Optional;

/**
 * One play's row in the outbox, as the host may want to inspect it.
 *
 * @param key the play's idempotency key
 * @param enqueuedAt when it was enqueued
 * @param attempts how many deliveries failed
 * @param lastFailure the last failure's message, if one failed
 * @param claimedBy the instance that holds its claim now, if one does
 * @param deliveredAt when it was delivered, if it was
 */
public record OutboxEntry(String key, Instant enqueuedAt, int attempts, Optional<String> lastFailure,
        Optional<String> claimedBy, Optional<Instant> deliveredAt) {}
