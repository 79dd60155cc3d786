package org.cskit.jdbc;

/**
 * What the outbox holds at one moment.
 *
 * @param pending plays not yet delivered (claimed or not)
 * @param claimed of those, plays an instance has claimed and not yet marked
 * @param failing of the pending, plays whose last attempt failed
 * @param delivered plays delivered and kept (until {@link PlayOutbox#purgeDelivered})
 */
public record OutboxStats(long pending, long claimed, long failing, long delivered) {}
