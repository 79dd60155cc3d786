package org.cskit.datagen;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cskit.model.Validate;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.scoring.features.Aggregate;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.features.SnapshotAssembler;
import org.cskit.scoring.features.WindowChange;
import org.cskit.scoring.portfolio.ReportingPeriod;

/**
 * Generates a realistic portfolio with known outcomes, from a seed: accounts across segments and
 * lifecycle stages, with contracts, success plans, milestones and dated signals over a window of
 * months, and for each account a hidden true trajectory that decides whether it churns, renews or
 * expands at its renewal. Tests and benchmarks get data that looks like a real book of business and
 * whose outcomes they can check a scorer against. Immutable and thread-safe.
 *
 * <pre>{@code
 * PortfolioGenerator portfolio = PortfolioGenerator.builder().seed(7).accounts(1_000_000)
 *         .start(LocalDate.of(2026, 1, 1)).months(12).build();
 * portfolio.stream().parallel().forEach(a -> {
 *     AccountSnapshot before = a.snapshot(a.outcome().date().minusDays(60));
 *     boolean churned = a.outcome().churned();
 *     ...
 * });
 * }</pre>
 *
 * <p><b>Same seed, same portfolio.</b> Account {@code i} is a function of the seed, {@code i}, the
 * start and the months only: not of the number of accounts, of the order the stream is consumed in,
 * of parallelism, of the machine or of the JDK (its random numbers come from a SplitMix64 written
 * out in cs-datagen, its mathematics from {@link StrictMath}). {@link #stream()} is lazy: it
 * generates each account when it is consumed and holds none, so a million accounts stream in the
 * memory of one; {@link #account(int)} generates one directly. An account's signals are drawn
 * again on each call to {@link GeneratedAccount#signals()}, so an account in hand stays small.
 *
 * <p><b>The model.</b> Accounts are {@code smb} (60%, tech touch, 3 to 30 seats, 12-month terms),
 * {@code mid-market} (30%, scaled, 30 to 300 seats, 12 or 24 months) or {@code enterprise} (10%,
 * high touch, 300 to 3,000 seats, 12 to 36 months); prices are in {@value #CURRENCY}; a term is at
 * least the window's length in whole years, so that each contract renews once in it. Each has a
 * hidden health in (0, 1) at every month boundary of the window ({@link GeneratedAccount#trajectory()}):
 * a random walk on the log-odds scale with an account's own drift and the occasional shock (a
 * champion leaves), healthier on average for bigger segments. Each contract comes up for renewal
 * once, between a quarter of the way into the window and its end; the health on that day decides the
 * {@link GeneratedAccount.Outcome}: the lower it is, the likelier a churn; the higher, the likelier an
 * expansion (10% to 50% more ARR). The outcome is not written into the account (its lifecycle stage
 * is as of the window's start), so nothing in a snapshot gives it away.
 *
 * <p>Signals are drawn from the health with noise ({@link GeneratedAccount#signals()}; seat
 * utilisation also depends on how well the seats bought fit the team, which varies by account): every week,
 * at 00:00 UTC from the window's start, {@value #ACTIVE_USERS} and {@value #LOGINS} (counts over the
 * week before), {@value #SEAT_UTILISATION} (active users over seats, 0 to 1) and
 * {@value #SUPPORT_TICKETS} (opened in the week before); about once a quarter a survey answer
 * {@value #NPS} (0 to 10, unit {@code score}), likelier from happier customers. A churned account's
 * signals stop on its churn day. Most accounts (half of smb, most of the rest) have an active
 * success plan from their contract's start: an outcome on weekly active users measured monthly,
 * milestones for setup, first value, adoption, (bigger accounts) rollout and a review, achieved
 * early, late or never as the health at their due date makes likely; as of any day some are
 * achieved and some overdue.
 *
 * <p>Defaults: seed 42, 1,000 accounts, start 2026-01-01, 12 months.
 */
public final class PortfolioGenerator {
    /** Weekly signal: distinct active users in the week before (usage, count). */
    public static final String ACTIVE_USERS = "active_users";
    /** Weekly signal: logins in the week before (usage, count). */
    public static final String LOGINS = "logins";
    /** Weekly signal: active users over seats bought, 0 to 1 (usage, unit {@code ratio}). */
    public static final String SEAT_UTILISATION = "seat_utilisation";
    /** Weekly signal: support tickets opened in the week before (support, count). */
    public static final String SUPPORT_TICKETS = "support_tickets";
    /** Survey signal: how likely the respondent is to recommend the product, 0 to 10 (sentiment, unit {@code score}). */
    public static final String NPS = "nps";
    /** The currency of every contract. */
    public static final String CURRENCY = "EUR";

    private static final List<FeatureDefinition> FEATURES = List.of(
            FeatureDefinition.of(BuiltInPlaybooks.SEAT_UTILISATION, SEAT_UTILISATION, Aggregate.LAST, Duration.ofDays(14)),
            FeatureDefinition.builder().name("seat_utilisation_trend").signal(SEAT_UTILISATION).aggregate(Aggregate.MEAN)
                    .window(Duration.ofDays(28)).trendPeriods(3).build(),
            FeatureDefinition.of("active_users", ACTIVE_USERS, Aggregate.LAST, Duration.ofDays(14)),
            FeatureDefinition.of("logins_14d", LOGINS, Aggregate.SUM, Duration.ofDays(14)),
            FeatureDefinition.builder().name("logins_14d_change_pct").signal(LOGINS).aggregate(Aggregate.SUM)
                    .window(Duration.ofDays(14)).change(WindowChange.PERCENT).build(),
            FeatureDefinition.of(BuiltInPlaybooks.TICKETS, SUPPORT_TICKETS, Aggregate.SUM, Duration.ofDays(14)),
            FeatureDefinition.builder().name(BuiltInPlaybooks.TICKETS_CHANGE_PCT).signal(SUPPORT_TICKETS)
                    .aggregate(Aggregate.SUM).window(Duration.ofDays(14)).change(WindowChange.PERCENT).build(),
            FeatureDefinition.of("nps", NPS, Aggregate.LAST, Duration.ofDays(180)));
    private static final SnapshotAssembler ASSEMBLER = SnapshotAssembler.of(FeatureDeriver.of(FEATURES));

    private final long seed;
    private final int accounts;
    private final LocalDate start;
    private final int months;

    private PortfolioGenerator(Builder builder) {
        this.seed = builder.seed;
        this.accounts = builder.accounts;
        this.start = builder.start;
        this.months = builder.months;
    }

    /**
     * Starts a generator with the defaults above.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The accounts, in index order, each generated when the stream reaches it; nothing is held.
     * The stream may be made parallel: every account is the same whatever the order.
     *
     * @return a new sequential stream of {@link #accounts()} accounts
     */
    public Stream<GeneratedAccount> stream() {
        return IntStream.range(0, accounts).mapToObj(this::generate);
    }

    /**
     * The signals of accounts {@code [fromIndex, toIndex)} observed in {@code (asOf - lookback, asOf]}
     * as {@link SignalColumns}, row {@code r} being account {@code fromIndex + r}: the same
     * observations as each account's {@link GeneratedAccount#signals()} in that span, drawn without
     * an object per observation (about 20 bytes each), so portfolios of millions fit in memory; cut
     * a larger one into index ranges. Each signal's column is sorted by row, then time (no account
     * has two observations of one signal at one instant).
     *
     * @param fromIndex the first account
     * @param toIndex the account after the last
     * @param asOf the last instant observed
     * @param lookback how far back to keep observations (the longest window the features read,
     *     such as 180 days for {@link #featureDefinitions()}); positive
     * @return the columns, one per generated signal, over {@code toIndex - fromIndex} rows
     * @throws org.cskit.model.ValidationException if the range is not within [0, accounts] or the
     *     lookback is not positive
     */
    public SignalColumns signalColumns(int fromIndex, int toIndex, Instant asOf, Duration lookback) {
        if (fromIndex < 0 || toIndex > accounts || fromIndex > toIndex) {
            throw Validate.invalid("fromIndex", "accounts [" + fromIndex + ", " + toIndex + ") are not within [0, " + accounts + ")");
        }
        return signalColumns(fromIndex, toIndex, this::generate, asOf, lookback);
    }

    /**
     * The signals of accounts already generated, as {@link #signalColumns(int, int, Instant, Duration)}
     * gives them, without generating the accounts again: for a caller that holds a range of accounts
     * for their facts and wants their signals too.
     *
     * @param fromIndex the index of the first account
     * @param generated the accounts {@code [fromIndex, fromIndex + generated.size())}, as {@link #account(int)} gives them, in index order
     * @param asOf the last instant observed
     * @param lookback how far back to keep observations; positive
     * @return the columns, one per generated signal, over {@code generated.size()} rows
     * @throws org.cskit.model.ValidationException if the range is not within [0, accounts], an account is not
     *     this generator's at its index, or the lookback is not positive
     */
    public SignalColumns signalColumns(int fromIndex, List<GeneratedAccount> generated, Instant asOf, Duration lookback) {
        Validate.present("generated", generated);
        int toIndex = fromIndex + generated.size();
        if (fromIndex < 0 || toIndex > accounts || toIndex < fromIndex) {
            throw Validate.invalid("fromIndex", "accounts [" + fromIndex + ", " + toIndex + ") are not within [0, " + accounts + ")");
        }
        for (int r = 0; r < generated.size(); r++) {
            GeneratedAccount a = Validate.present("generated[" + r + "]", generated.get(r));
            String id = PortfolioModel.accountId(fromIndex + r);
            if (!a.account().id().value().equals(id)) {
                throw Validate.invalid("generated[" + r + "]", "generated[" + r + "] is account " + Validate.quote(a.account().id().value())
                        + ", but account " + (fromIndex + r) + " of this generator is " + Validate.quote(id));
            }
        }
        return signalColumns(fromIndex, toIndex, i -> generated.get(i - fromIndex), asOf, lookback);
    }

    private SignalColumns signalColumns(int fromIndex, int toIndex, java.util.function.IntFunction<GeneratedAccount> generated, Instant asOf,
            Duration lookback) {
        Validate.present("asOf", asOf);
        if (Validate.present("lookback", lookback).isNegative() || lookback.isZero()) {
            throw Validate.invalid("lookback", "lookback must be positive, but was " + lookback);
        }
        long last = asOf.toEpochMilli();
        long first = asOf.minus(lookback).toEpochMilli(); // exclusive
        LocalDate until = LocalDate.ofInstant(asOf, ZoneOffset.UTC).plusDays(1);
        int rows = toIndex - fromIndex;
        int names = PortfolioModel.SIGNAL_NAMES.length;
        int expected = (int) Math.min(Integer.MAX_VALUE / 2, (long) rows * (lookback.toDays() / 7 + 2));
        Growing[] columns = new Growing[names];
        for (int c = 0; c < names; c++) {
            columns[c] = new Growing(c == names - 1 ? Math.max(16, rows) : Math.max(16, expected));
        }
        int[] row = new int[1];
        PortfolioModel.Observer keep = (signal, period, millis, value) -> {
            if (millis > first && millis <= last) {
                columns[signal].add(row[0], millis, value);
            }
        };
        for (int i = fromIndex; i < toIndex; i++) {
            row[0] = i - fromIndex;
            PortfolioModel.observe(seed, i, start, months, generated.apply(i), until, keep);
        }
        List<SignalColumn> list = new ArrayList<>();
        for (int c = 0; c < names; c++) {
            Growing g = columns[c];
            list.add(SignalColumn.of(PortfolioModel.SIGNAL_NAMES[c], g.rows, g.times, g.values, g.count));
        }
        return SignalColumns.of(rows, list);
    }

    /** A signal column being filled: arrays that grow by half when full. */
    private static final class Growing {
        int[] rows;
        long[] times;
        double[] values;
        int count;

        Growing(int capacity) {
            rows = new int[capacity];
            times = new long[capacity];
            values = new double[capacity];
        }

        void add(int row, long time, double value) {
            if (count == rows.length) {
                int capacity = rows.length + (rows.length >> 1) + 1;
                rows = Arrays.copyOf(rows, capacity);
                times = Arrays.copyOf(times, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            rows[count] = row;
            times[count] = time;
            values[count] = value;
            count++;
        }
    }

    /**
     * Generates one account directly: the one {@link #stream()} gives at that index.
     *
     * @param index the account's index, from 0
     * @return the account
     * @throws org.cskit.model.ValidationException if the index is not in [0, accounts)
     */
    public GeneratedAccount account(int index) {
        if (index < 0 || index >= accounts) {
            throw Validate.invalid("index", "index must be in [0, " + (accounts - 1) + "], but was " + index);
        }
        return generate(index);
    }

    private GeneratedAccount generate(int index) {
        return PortfolioModel.generate(seed, index, start, months);
    }

    /**
     * The seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The number of accounts.
     *
     * @return the number, at least 1
     */
    public int accounts() {
        return accounts;
    }

    /**
     * The window's first day.
     *
     * @return the start
     */
    public LocalDate start() {
        return start;
    }

    /**
     * The window's length in months.
     *
     * @return the months, in [3, 120]
     */
    public int months() {
        return months;
    }

    /**
     * The window as a reporting period, from {@link #start()} to the day before
     * {@code start + months}: every account's renewal, and so its outcome, falls in it. Pass it with
     * {@link GeneratedAccount#revenue()} to a {@link org.cskit.scoring.portfolio.RetentionReport}.
     *
     * @return the period
     */
    public ReportingPeriod period() {
        return ReportingPeriod.of(start, start.plusMonths(months).minusDays(1));
    }

    /**
     * The features {@link GeneratedAccount#snapshot} derives from the signals, beside the
     * {@link org.cskit.model.StandardFeatures}: {@code seat_utilisation} (latest in 14 days),
     * {@code seat_utilisation_trend} (slope of its 28-day mean over three 28-day windows, per window),
     * {@code active_users} (latest in 14 days), {@code logins_14d} and {@code logins_14d_change_pct},
     * {@code tickets_14d} and {@code tickets_14d_change_pct} (sums over 14 days and their percent
     * change against the 14 days before), and {@code nps} (latest answer in 180 days). They include
     * every feature {@link BuiltInPlaybooks} reads.
     *
     * @return the definitions, in schema order
     */
    public static List<FeatureDefinition> featureDefinitions() {
        return FEATURES;
    }

    /**
     * The assembler behind {@link GeneratedAccount#snapshot}: its {@link SnapshotAssembler#schema()}
     * is the schema of every generated snapshot, to compile scorecards and playbooks against.
     *
     * @return the shared assembler
     */
    public static SnapshotAssembler snapshotAssembler() {
        return ASSEMBLER;
    }

    @Override
    public String toString() {
        return "PortfolioGenerator[seed=" + seed + ", accounts=" + accounts + ", start=" + start + ", months=" + months + "]";
    }

    /**
     * Configures a {@link PortfolioGenerator}; each setter checks its value at once. Not thread-safe.
     */
    public static final class Builder {
        private long seed = 42;
        private int accounts = 1000;
        private LocalDate start = LocalDate.of(2026, 1, 1);
        private int months = 12;

        private Builder() {}

        /**
         * Sets the seed; any value.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the number of accounts.
         *
         * @param accounts at least 1
         * @return this builder
         * @throws org.cskit.model.ValidationException if below 1
         */
        public Builder accounts(int accounts) {
            this.accounts = Validate.atLeast("accounts", accounts, 1);
            return this;
        }

        /**
         * Sets the window's first day.
         *
         * @param start the day
         * @return this builder
         * @throws org.cskit.model.ValidationException if null
         */
        public Builder start(LocalDate start) {
            this.start = Validate.present("start", start);
            return this;
        }

        /**
         * Sets the window's length.
         *
         * @param months in [3, 120]
         * @return this builder
         * @throws org.cskit.model.ValidationException if outside [3, 120]
         */
        public Builder months(int months) {
            if (months < 3 || months > 120) {
                throw Validate.invalid("months", "months must be in [3, 120], but was " + months);
            }
            this.months = months;
            return this;
        }

        /**
         * Builds the generator.
         *
         * @return the generator
         */
        public PortfolioGenerator build() {
            return new PortfolioGenerator(this);
        }
    }
}
