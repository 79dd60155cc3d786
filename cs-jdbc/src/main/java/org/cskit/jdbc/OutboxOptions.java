package org.cskit.jdbc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.cskit.model.ValidationException;

/**
 * How one instance of the outbox claims and retries plays. Immutable and thread-safe.
 *
 * <p>Defaults: instance name {@code <host>-<pid>}, batch 200 plays, claim timeout 5 minutes,
 * retry back-off from 1 second doubling to 1 hour, poll every 500 ms when idle. Rules: the name
 * is 1 to 128 characters; batch in [1, 10,000]; every duration positive; the first back-off
 * not above the last.
 *
 * @param instanceName written to {@code picked_by} when this instance claims a play
 * @param batchSize the most plays claimed at once
 * @param claimTimeout how long a claim holds: a play claimed longer ago and not marked (its
 *     instance died) is claimed again by any instance. Longer than a batch takes to deliver.
 * @param firstBackoff the wait before the first retry of a failed play
 * @param maxBackoff the longest wait between retries; plays are retried for ever
 * @param pollInterval how long a relay waits when it found nothing to deliver
 */
public record OutboxOptions(String instanceName, int batchSize, Duration claimTimeout, Duration firstBackoff,
        Duration maxBackoff, Duration pollInterval) {

    /**
     * Checks the options.
     *
     * @throws ValidationException if one breaks its rule
     */
    public OutboxOptions {
        if (instanceName == null || instanceName.isBlank() || instanceName.length() > 128) {
            throw new ValidationException("instanceName", "instanceName '" + instanceName
                    + "' must be 1 to 128 characters and not blank");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new ValidationException("batchSize", "batchSize must be in [1, 10000], but was " + batchSize);
        }
        positive("claimTimeout", claimTimeout);
        positive("firstBackoff", firstBackoff);
        positive("maxBackoff", maxBackoff);
        positive("pollInterval", pollInterval);
        if (firstBackoff.compareTo(maxBackoff) > 0) {
            throw new ValidationException("firstBackoff", "firstBackoff " + firstBackoff
                    + " must not be longer than maxBackoff " + maxBackoff);
        }
    }

    /**
     * The defaults.
     *
     * @return the default options
     */
    public static OutboxOptions defaults() {
        return new OutboxOptions(hostName() + "-" + ProcessHandle.current().pid(), 200,
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(500));
    }

    /**
     * These options with another instance name.
     *
     * @param name the name
     * @return the options
     */
    public OutboxOptions withInstanceName(String name) {
        return new OutboxOptions(name, batchSize, claimTimeout, firstBackoff, maxBackoff, pollInterval);
    }

    /**
     * These options with another batch size.
     *
     * @param size the size
     * @return the options
     */
    public OutboxOptions withBatchSize(int size) {
        return new OutboxOptions(instanceName, size, claimTimeout, firstBackoff, maxBackoff, pollInterval);
    }

    /**
     * These options with another claim timeout.
     *
     * @param timeout the timeout
     * @return the options
     */
    public OutboxOptions withClaimTimeout(Duration timeout) {
        return new OutboxOptions(instanceName, batchSize, timeout, firstBackoff, maxBackoff, pollInterval);
    }

    /**
     * These options with another back-off.
     *
     * @param first the first wait
     * @param max the longest wait
     * @return the options
     */
    public OutboxOptions withBackoff(Duration first, Duration max) {
        return new OutboxOptions(instanceName, batchSize, claimTimeout, first, max, pollInterval);
    }

    /**
     * These options with another poll interval.
     *
     * @param interval the interval
     * @return the options
     */
    public OutboxOptions withPollInterval(Duration interval) {
        return new OutboxOptions(instanceName, batchSize, claimTimeout, firstBackoff, maxBackoff, interval);
    }

    /** The back-off before attempt {@code attempts + 1}, after {@code attempts} failures. */
    Duration backoffAfter(int attempts) {
        Duration d = firstBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 100 ? name.substring(0, 100) : name;
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ValidationException(field, field + " must be positive, but was " + d);
        }
    }
}
