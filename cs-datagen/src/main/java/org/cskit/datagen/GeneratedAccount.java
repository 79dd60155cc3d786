package org.cskit.datagen;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contract;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Money;
import org.cskit.model.Signal;
import org.cskit.model.Validate;
import org.cskit.scoring.portfolio.AccountRevenue;

/**
 * One account of a {@link PortfolioGenerator}'s portfolio: the {@link Account} as a host would hold
 * it, its hidden true {@link #trajectory()}, the {@link #outcome()} that trajectory decided at the
 * renewal, and its {@link #signals()}. Immutable and thread-safe.
 *
 * <p>The account's lifecycle stage is as of the window's start and its contract is the one that
 * comes up for renewal in the window; its plan's milestones and measurements carry their own dates
 * through the window, so every as-of view ({@link #snapshot}, {@link org.cskit.model.StandardFeatures},
 * {@link org.cskit.model.SuccessPlan#progress}) sees only what had happened by then.
 *
 * <p>Two generated accounts are equal when they come from the same seed, index and window: the
 * same account, trajectory, outcome and signals.
 */
public final class GeneratedAccount {
    private final long seed;
    private final int index;
    private final LocalDate start;
    private final int months;
    private final Account account;
    private final int seats;
    private final double[] trajectory;
    private final Outcome outcome;

    GeneratedAccount(long seed, int index, LocalDate start, int months, Account account, int seats, double[] trajectory,
            Outcome outcome) {
        this.seed = seed;
        this.index = index;
        this.start = start;
        this.months = months;
        this.account = account;
        this.seats = seats;
        this.trajectory = trajectory;
        this.outcome = outcome;
    }

    /**
     * The account's index in its portfolio, from 0.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /**
     * The account, as a host would hold it.
     *
     * @return the account
     */
    public Account account() {
        return account;
    }

    /**
     * The seats the customer bought; usage signals are drawn against them.
     *
     * @return the seats, at least 3
     */
    public int seats() {
        return seats;
    }

    /**
     * The hidden truth: the account's health at each month boundary of the window, element
     * {@code m} on {@code start.plusMonths(m)} for {@code m} in [0, months]. Signals are drawn from
     * it and the outcome is decided by it; a scorer never sees it.
     *
     * @return the health per month, each in (0, 1); months + 1 values
     */
    public List<Double> trajectory() {
        List<Double> values = new ArrayList<>(trajectory.length);
        for (double h : trajectory) {
            values.add(h);
        }
        return List.copyOf(values);
    }

    /**
     * The hidden health on a day, interpolated linearly between the month boundaries; the first
     * value before the window, the last after it.
     *
     * @param day the day
     * @return the health, in (0, 1)
     */
    public double healthOn(LocalDate day) {
        return PortfolioModel.healthOn(trajectory, start, months, Validate.present("day", day));
    }

    /**
     * What the trajectory decided at the contract's renewal.
     *
     * @return the outcome
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * The account as it stands on a day. Before its renewal it is {@link #account()} with the
     * lifecycle stage moved on with the contract's age: renewal window in the last 120 days before
     * the renewal, onboarding for the first 45 days, adoption until day 120, then expansion or
     * steady state as at the start. From its renewal day on, an account that churned is gone, and one
     * that renewed or expanded has its next term at the outcome's ARR.
     *
     * @param day the day, not before the window's start
     * @return the account, or empty from the day it churned
     */
    public Optional<Account> accountOn(LocalDate day) {
        Validate.present("day", day);
        if (day.isBefore(start)) {
            throw Validate.invalid("day", "day " + day + " is before the generator's window, which starts " + start);
        }
        boolean renewed = !day.isBefore(outcome.date());
        if (renewed && outcome.churned()) {
            return Optional.empty();
        }
        Contract contract = account.contract();
        if (renewed) {
            contract = Contract.builder().arr(outcome.arr()).startDate(contract.startDate())
                    .renewalDate(contract.renewalDate().plusMonths(contract.termMonths())).termMonths(contract.termMonths())
                    .autoRenew(contract.autoRenew()).build();
        }
        LifecycleStage stage = PortfolioModel.stage(contract, day, account.lifecycleStage() == LifecycleStage.EXPANSION);
        if (!renewed && stage == account.lifecycleStage()) {
            return Optional.of(account);
        }
        return Optional.of(Account.builder().from(account).contract(contract).lifecycleStage(stage).build());
    }

    /**
     * The account's signals over the window (until its churn day, if it churned), oldest first and,
     * at the same instant, by id. Drawn anew on each call, equal every time: keep the list if you
     * need it twice.
     *
     * @return the signals
     */
    public List<Signal> signals() {
        return PortfolioModel.signals(seed, index, start, months, this, LocalDate.MAX);
    }

    /**
     * The account's snapshot at the start of a day (00:00 UTC): the
     * {@linkplain PortfolioGenerator#featureDefinitions() generator's features} from the signals
     * observed by then and the standard features of the account as of that day; no score history,
     * no previous vector.
     *
     * @param day the day
     * @return the snapshot, over {@link PortfolioGenerator#snapshotAssembler()}'s schema
     */
    public AccountSnapshot snapshot(LocalDate day) {
        Instant asOf = Validate.present("day", day).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Signal> known = new ArrayList<>();
        for (Signal s : PortfolioModel.signals(seed, index, start, months, this,
                day.isBefore(LocalDate.MAX) ? day.plusDays(1) : day)) {
            if (s.observedAt().isAfter(asOf)) {
                break; // oldest first
            }
            known.add(s);
        }
        return PortfolioGenerator.snapshotAssembler().assemble(account, known, asOf, List.of(), Optional.empty());
    }

    /**
     * The account's recurring revenue over the generator's {@link PortfolioGenerator#period()}: its
     * contract's ARR at the start, the outcome's ARR at the end, the churn day if it churned, and the
     * renewal day (in the period, so every account could churn in it).
     *
     * @return the revenue, for a {@link org.cskit.scoring.portfolio.RetentionReport}
     */
    public AccountRevenue revenue() {
        return AccountRevenue.builder()
                .accountId(account.id())
                .segment(account.segment())
                .startArr(account.contract().arr())
                .endArr(outcome.arr())
                .churnedOn(outcome.churned() ? Optional.of(outcome.date()) : Optional.empty())
                .renewalDate(account.contract().renewalDate())
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedAccount g && seed == g.seed && index == g.index && months == g.months
                && start.equals(g.start) && seats == g.seats && account.equals(g.account)
                && Arrays.equals(trajectory, g.trajectory) && outcome.equals(g.outcome);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, index, account.id(), outcome);
    }

    @Override
    public String toString() {
        return "GeneratedAccount[" + account.id() + ", " + account.segment().name() + ", " + account.lifecycleStage() + ", "
                + outcome + "]";
    }

    /**
     * What happened at the renewal. Immutable and thread-safe.
     *
     * @param kind renewed, expanded or churned
     * @param date the renewal day, which is also the churn day of a churned account
     * @param arr the ARR from then on: the same for a renewal, more for an expansion, 0 for a churn
     */
    public record Outcome(Kind kind, LocalDate date, Money arr) {
        /** What the customer decided. */
        public enum Kind {
            /** Renewed at the same ARR. */
            RENEWED,
            /** Renewed and bought more. */
            EXPANDED,
            /** Left. */
            CHURNED
        }

        /**
         * Checks the outcome.
         *
         * @throws org.cskit.model.ValidationException if a part is null, or the ARR is not above 0
         *     for a renewal or an expansion, or not 0 for a churn
         */
        public Outcome {
            Validate.present("kind", kind);
            Validate.present("date", date);
            Validate.present("arr", arr);
            if (kind == Kind.CHURNED && arr.amount().signum() != 0) {
                throw Validate.invalid("arr", "a CHURNED outcome must have an ARR of 0, but had " + arr);
            }
            if (kind != Kind.CHURNED && arr.amount().signum() <= 0) {
                throw Validate.invalid("arr", "a " + kind + " outcome must have an ARR above 0, but had " + arr);
            }
        }

        /**
         * Tells whether the account churned.
         *
         * @return true for {@link Kind#CHURNED}
         */
        public boolean churned() {
            return kind == Kind.CHURNED;
        }
    }
}
