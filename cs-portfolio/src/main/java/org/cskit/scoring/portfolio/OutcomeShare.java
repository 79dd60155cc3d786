package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collector;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.cskit.model.Account;
import org.cskit.model.Attainment;
import org.cskit.model.SuccessPlan;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * The share of accounts that had reached their desired outcome as of a day: their plan's required
 * outcome measured at or past its target ({@link Attainment#targetReached()}, an attainment ratio of
 * at least 1), with the counts behind it. Every account is counted once: reached, not yet reached,
 * no measurement yet, or no success plan. Immutable and thread-safe.
 *
 * <p>An account with several plans ({@link Account#plans()}, one per product or role) has reached
 * its outcome when every plan's required outcome is measured at or past its target; it is not
 * measured when none of them is measured yet, and not yet reached otherwise (one plan short or
 * unmeasured while another is measured).
 */
public final class OutcomeShare {
    private final LocalDate asOf;
    private final long reached;
    private final long notYetReached;
    private final long notMeasured;
    private final long withoutPlan;

    private OutcomeShare(LocalDate asOf, long reached, long notYetReached, long notMeasured, long withoutPlan) {
        this.asOf = asOf;
        this.reached = reached;
        this.notYetReached = notYetReached;
        this.notMeasured = notMeasured;
        this.withoutPlan = withoutPlan;
    }

    /**
     * Computes the share over accounts.
     *
     * @param asOf the day (UTC); measurements after it do not count
     * @param accounts the accounts, each once
     * @return the share
     */
    public static OutcomeShare of(LocalDate asOf, Iterable<Account> accounts) {
        return of(asOf, StreamSupport.stream(accounts.spliterator(), false));
    }

    /**
     * Computes the share over a stream of accounts, reading it once.
     *
     * @param asOf the day (UTC); measurements after it do not count
     * @param accounts the accounts, each once
     * @return the share
     */
    public static OutcomeShare of(LocalDate asOf, Stream<Account> accounts) {
        return accounts.collect(collector(asOf));
    }

    /**
     * A collector that computes the share; it may run in parallel.
     *
     * @param asOf the day (UTC)
     * @return the collector
     */
    public static Collector<Account, ?, OutcomeShare> collector(LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return Collector.of(() -> new long[4], (counts, account) -> counts[category(account, asOf)]++,
                (a, b) -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] += b[i];
                    }
                    return a;
                },
                counts -> new OutcomeShare(asOf, counts[0], counts[1], counts[2], counts[3]),
                Collector.Characteristics.UNORDERED);
    }

    private static int category(Account account, LocalDate asOf) {
        if (account.plans().isEmpty()) {
            return 3;
        }
        int measured = 0;
        boolean allReached = true;
        for (SuccessPlan plan : account.plans()) {
            Optional<Attainment> attainment = plan.outcomeAttainment(asOf);
            measured += attainment.isPresent() ? 1 : 0;
            allReached &= attainment.map(Attainment::targetReached).orElse(false);
        }
        if (measured == 0) {
            return 2;
        }
        return allReached ? 0 : 1;
    }

    /**
     * Combines this share with one over other accounts as of the same day.
     *
     * @param other a share over other accounts
     * @return the share over both
     * @throws ValidationException if the days differ
     */
    public OutcomeShare combine(OutcomeShare other) {
        if (!other.asOf.equals(asOf)) {
            throw Validate.invalid("asOf", "cannot combine a share as of " + asOf + " with one as of " + other.asOf
                    + ": the days differ");
        }
        return new OutcomeShare(asOf, reached + other.reached, notYetReached + other.notYetReached,
                notMeasured + other.notMeasured, withoutPlan + other.withoutPlan);
    }

    /**
     * The day the share is as of.
     *
     * @return the day
     */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * Every account counted.
     *
     * @return reached + not yet reached + not measured + without a plan
     */
    public long accounts() {
        return reached + notYetReached + notMeasured + withoutPlan;
    }

    /**
     * The accounts whose latest measurement was at or past the target.
     *
     * @return the count
     */
    public long reached() {
        return reached;
    }

    /**
     * The accounts whose latest measurement was short of the target.
     *
     * @return the count
     */
    public long notYetReached() {
        return notYetReached;
    }

    /**
     * The accounts with a plan whose required outcome had no measurement yet.
     *
     * @return the count
     */
    public long notMeasured() {
        return notMeasured;
    }

    /**
     * The accounts without a success plan, hence without a desired outcome on record.
     *
     * @return the count
     */
    public long withoutPlan() {
        return withoutPlan;
    }

    /**
     * The share of all accounts that reached their outcome: an account without a plan or a
     * measurement has not shown that it did.
     *
     * @return reached / accounts, or empty without accounts
     */
    public Optional<BigDecimal> share() {
        return Ratios.of(reached, accounts());
    }

    /**
     * The share of measured accounts that reached their outcome.
     *
     * @return reached / (reached + not yet reached), or empty when no account was measured
     */
    public Optional<BigDecimal> shareOfMeasured() {
        return Ratios.of(reached, reached + notYetReached);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutcomeShare s && asOf.equals(s.asOf) && reached == s.reached
                && notYetReached == s.notYetReached && notMeasured == s.notMeasured && withoutPlan == s.withoutPlan;
    }

    @Override
    public int hashCode() {
        return Objects.hash(asOf, reached, notYetReached, notMeasured, withoutPlan);
    }

    @Override
    public String toString() {
        return "OutcomeShare{asOf=" + asOf + ", reached=" + reached + ", notYetReached=" + notYetReached
                + ", notMeasured=" + notMeasured + ", withoutPlan=" + withoutPlan + "}";
    }
}
