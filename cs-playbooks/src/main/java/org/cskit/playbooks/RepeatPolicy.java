package org.cskit.playbooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.Optional;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * How often a playbook may fire for one account, with exact semantics:
 * <ul>
 *   <li><b>one open play per situation</b> (always): while a play for the same account and situation
 *       is open, firing again updates that play instead of creating another;</li>
 *   <li><b>cooldown</b>: after a play for the account is created, no new play of this playbook for
 *       that account until the cooldown has passed (0 = none);</li>
 *   <li><b>at most N per period</b>: no more than {@code count} plays of this playbook for the
 *       account in any window of {@code period} ending now;</li>
 *   <li><b>auto-close</b>: an open play closes when its situation no longer holds: when the
 *       trigger's situation clears (a threshold no longer crossed, a band left, a renewal date
 *       passed) <em>or</em> a condition or the audience stops holding, whichever comes first. Plays of
 *       momentary triggers (events, cadences, manual enrolment) have no situation that clears: they
 *       stay open until a play of the same playbook for a new situation replaces them;</li>
 *   <li><b>remind every</b>: while a play stays open, the playbook makes a reminder (the same
 *       situation, a new key) each time this long has passed since its last play; still one open
 *       play. Reminders count towards the limit;</li>
 *   <li><b>mutual exclusion</b>: of the playbooks sharing an {@code exclusionGroup} that fire for
 *       an account in one evaluation, only the most urgent ({@link Priority}) makes a play; on
 *       equal priority, the one listed first in the playbook set.</li>
 * </ul>
 * Immutable and thread-safe. Defaults: no cooldown, no limit, no reminders, auto-close on, no group.
 *
 * <p>Bounds, checked when the policy is built (and so when its JSON is read): the cooldown is in
 * [0, {@value #MAX_DAYS} days]; a reminder period in (0, {@value #MAX_DAYS} days]; a limit's count is in [1, {@value #MAX_COUNT}] and its period in
 * (0, {@value #MAX_DAYS} days]. In JSON, durations are ISO-8601 strings such as {@code "P30D"}; a
 * bare number such as {@code 30} is refused (it has no unit), and so are months and years, which
 * have no fixed length.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRepeatPolicy.class)
@JsonDeserialize(builder = RepeatPolicy.Builder.class)
public abstract class RepeatPolicy {
    /** The longest cooldown or limit period: ten years, in days, as {@link Trigger#MAX_DAYS}. */
    public static final int MAX_DAYS = Trigger.MAX_DAYS;
    /** The highest count a limit may allow. */
    public static final int MAX_COUNT = 1000;

    // Only the generated implementation extends this type.
    RepeatPolicy() {}

    /**
     * At most {@code count} plays in any window of {@code period}.
     *
     * @param count the most plays, in [1, {@value #MAX_COUNT}]
     * @param period the window, positive and at most {@value #MAX_DAYS} days
     */
    public record Limit(int count, Duration period) {
        /**
         * Checks the limit.
         *
         * @throws org.cskit.model.ValidationException if the count or the period is out of its bounds
         */
        public Limit {
            if (count < 1 || count > MAX_COUNT) {
                throw Validate.invalid("count", "count must be in [1, " + MAX_COUNT + "], but was " + count);
            }
            Validate.present("period", period);
            if (period.isZero() || period.isNegative()) {
                throw Validate.invalid("period", "period must be positive such as P30D, but was " + text(period));
            }
            requireAtMostMaxDays("period", period);
        }
    }

    /**
     * The least time between two plays of this playbook for one account.
     *
     * @return the cooldown; zero by default
     */
    @Value.Default
    @JsonProperty("cooldown")
    public Duration cooldown() {
        return Duration.ZERO;
    }

    /**
     * The most plays in a rolling window, if limited.
     *
     * @return the limit
     */
    @JsonProperty("limit")
    public abstract Optional<Limit> limit();

    /**
     * How often to remind while a play stays open: a reminder of the open play (one open play
     * still) each time this long has passed since the playbook's last play for the account.
     *
     * @return the reminder period, if any
     */
    @JsonProperty("remindEvery")
    public abstract Optional<Duration> remindEvery();

    /**
     * Whether an open play closes when its situation no longer holds.
     *
     * @return true by default
     */
    @Value.Default
    @JsonProperty("autoClose")
    public boolean autoClose() {
        return true;
    }

    /**
     * The mutual-exclusion group, if any.
     *
     * @return the group's name
     */
    @JsonProperty("exclusionGroup")
    public abstract Optional<String> exclusionGroup();

    @Value.Check
    protected void check() {
        if (cooldown().isNegative()) {
            throw Validate.invalid("cooldown", "cooldown must not be negative, but was " + text(cooldown()));
        }
        requireAtMostMaxDays("cooldown", cooldown());
        exclusionGroup().ifPresent(g -> Validate.nonBlank("exclusionGroup", g));
        remindEvery().ifPresent(r -> {
            if (r.isZero() || r.isNegative()) {
                throw Validate.invalid("remindEvery", "remindEvery must be positive such as P7D, but was " + text(r));
            }
            requireAtMostMaxDays("remindEvery", r);
        });
    }

    private static void requireAtMostMaxDays(String field, Duration d) {
        if (d.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw Validate.invalid(field, field + " must be at most P" + MAX_DAYS + "D (ten years), but was " + text(d));
        }
    }

    /** A duration as JSON spells it: whole days as {@code P30D} or {@code -P30D}, others as ISO-8601 with the sign in front. */
    static String text(Duration d) {
        String sign = d.isNegative() ? "-" : "";
        Duration abs = d.abs();
        if (abs.toNanosPart() == 0 && abs.toSecondsPart() == 0 && abs.toMinutesPart() == 0 && abs.toHoursPart() == 0) {
            return sign + "P" + abs.toDays() + "D";
        }
        return sign + abs;
    }

    /**
     * The defaults: one open play per situation, auto-close, nothing else.
     *
     * @return the default policy
     */
    public static RepeatPolicy ofDefaults() {
        return builder().build();
    }

    /**
     * Starts a policy.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RepeatPolicy}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableRepeatPolicy.Builder {
        Builder() {}
    }
}
