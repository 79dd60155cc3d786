package org.cskit.scoring.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cskit.model.AccountId;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.Signal;
import org.cskit.model.SignalId;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;

/**
 * Derives features from raw signals as of a time, following a fixed list of
 * {@link FeatureDefinition}s: for a whole portfolio in one pass over its {@link SignalColumns}
 * ({@link #derive(SignalColumns, Instant, FeatureColumns)}, no object per account or observation),
 * or for one account from its {@link org.cskit.model.Signal} objects (the object edge). Both forms
 * run the same arithmetic and give the same values to the last bit.
 *
 * <p>For objects, signal times count to the nanosecond and must lie between 1677 and 2262 (the
 * range of a {@code long} of nanoseconds); signal columns count to the millisecond. Only signals observed up to the as-of time may be given: a signal from
 * its future, of another account, or repeating another's id is refused with a
 * {@link org.cskit.model.ValidationException} naming it, never silently dropped. Immutable and
 * thread-safe: build one deriver and share it.
 *
 * <p>Windows are half-open and end at the as-of time: {@code (asOf - window, asOf]}. A signal observed
 * exactly at the as-of time is in the window; one observed exactly a window earlier is not (it is the
 * newest signal of the window before). The same rule cuts every earlier window:
 * {@code (asOf - (k+1) window, asOf - k window]} for the k-th window back.
 *
 * <p>Signals that share an instant are ordered by their id, so {@link Aggregate#LAST} takes the
 * greatest id among the latest signals, and sums are added up in that order: the result does not
 * depend on the order of the input.
 *
 * <p>What each feature rests on (its observation count):
 * <ul>
 *   <li>an aggregate: the signals in its window; {@link Aggregate#DAYS_SINCE_LAST}: 1, the latest
 *       signal;
 *   <li>a change: the smaller of the two windows' counts, so a change is only as well founded as its
 *       thinner side (a COUNT change from an empty window rests on 0 observations);
 *   <li>a trend: the total over its periods;
 *   <li>a ratio: the smaller of the two sides' counts.
 * </ul>
 *
 * <p>Missing data: a feature without a value is left missing ({@code NaN}) in the result, so a
 * scorecard's missing-data policy applies. An empty window is missing, or 0 where the definition's
 * {@link FeatureDefinition#emptyAsZero()} says so; a change is missing if either window is; a percent
 * change against 0 is missing, never infinite, and so is a ratio whose denominator is 0 or missing; a trend leaves periods without a value out of its fit
 * and is missing with fewer than 2 periods that have one.
 *
 * <pre>{@code
 * FeatureDeriver deriver = FeatureDeriver.of(List.of(
 *         FeatureDefinition.of("logins_14d", "login", Aggregate.COUNT, Duration.ofDays(14)),
 *         FeatureDefinition.builder().name("logins_14d_change_pct").signal("login").aggregate(Aggregate.COUNT)
 *                 .window(Duration.ofDays(14)).change(WindowChange.PERCENT).build()));
 * Features features = deriver.derive(accountId, signals, asOf);
 * }</pre>
 */
public final class FeatureDeriver {
    private static final long NANOS = 1_000_000_000L;
    private static final long MILLIS = 1_000L;
    /** How many accounts the column path derives at a time (see {@link Windows#block}). */
    static final int BLOCK = 128;
    private static final Comparator<Signal> BY_TIME_THEN_ID =
            Comparator.comparing(Signal::observedAt).thenComparing(Signal::id);

    private final List<FeatureDefinition> definitions;
    private final FeatureSchema schema;
    /** Every signal a definition reads, in the order of first use: the order the kernel receives their runs. */
    private final List<String> signalNames;

    private FeatureDeriver(List<FeatureDefinition> definitions) {
        Validate.present("definitions", definitions);
        if (definitions.isEmpty()) {
            throw Validate.invalid("definitions", "definitions must name at least one feature, but was empty");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        Set<String> signals = new LinkedHashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            FeatureDefinition d = Validate.present("definitions[" + i + "]", definitions.get(i));
            Integer first = seen.putIfAbsent(d.name(), i);
            if (first != null) {
                throw Validate.invalid("definitions[" + i + "].name", "duplicate feature name '" + d.name()
                        + "' in definitions[" + first + "] and definitions[" + i + "]");
            }
            names.add(d.name());
            signals.add(d.signal());
            d.denominator().ifPresent(signals::add);
        }
        this.definitions = List.copyOf(definitions);
        this.schema = FeatureSchema.of(names);
        this.signalNames = List.copyOf(signals);
    }

    /**
     * Returns a deriver.
     *
     * @param definitions the features to derive, in the order of the schema
     * @return the deriver
     * @throws org.cskit.model.ValidationException if there is no definition, one is null, or two
     *     share a name
     */
    public static FeatureDeriver of(List<FeatureDefinition> definitions) {
        return new FeatureDeriver(definitions);
    }

    /**
     * The definitions.
     *
     * @return the definitions, in order
     */
    public List<FeatureDefinition> definitions() {
        return definitions;
    }

    /**
     * The schema of the features this deriver writes: the definitions' names, in order.
     *
     * @return the schema
     */
    public FeatureSchema schema() {
        return schema;
    }

    /**
     * Derives the features of one account.
     *
     * @param account the account
     * @param signals its signals, in any order, all observed up to {@code asOf}
     * @param asOf the as-of time
     * @return the features, over {@link #schema()}
     * @throws org.cskit.model.ValidationException naming the signal if one is of another account, from
     *     the future of {@code asOf}, or repeats another's id
     */
    public Features derive(AccountId account, Collection<Signal> signals, Instant asOf) {
        Features.Builder into = Features.builder(schema);
        Windows windows = kernel(account, signals, asOf);
        for (int i = 0; i < definitions.size(); i++) {
            if (windows.value[i][0] == windows.value[i][0]) {
                into.setAt(i, windows.value[i][0], windows.count[i][0]);
            }
        }
        return into.build();
    }

    /**
     * Derives the features of one account into a builder whose schema contains every definition's
     * name (and may hold other features, such as the standard plan features). Features without a
     * value are left as they are in the builder.
     *
     * @param account the account
     * @param signals its signals, in any order, all observed up to {@code asOf}
     * @param asOf the as-of time
     * @param into the builder to fill
     * @throws org.cskit.model.ValidationException as {@link #derive(AccountId, Collection, Instant)}
     *     does, or if the builder's schema lacks a feature
     */
    public void derive(AccountId account, Collection<Signal> signals, Instant asOf, Features.Builder into) {
        Validate.present("into", into);
        Windows windows = kernel(account, signals, asOf);
        for (int i = 0; i < definitions.size(); i++) {
            if (windows.value[i][0] == windows.value[i][0]) {
                into.set(definitions.get(i).name(), windows.value[i][0], windows.count[i][0]);
            }
        }
    }

    /** Checks and sorts one account's signals and runs the kernel over them, times in nanoseconds. */
    private Windows kernel(AccountId account, Collection<Signal> signals, Instant asOf) {
        Map<String, Series> byName = group(account, signals, asOf);
        Windows windows = new Windows(definitions, signalNames, asOf, NANOS, 1);
        int m = signalNames.size();
        long[][] times = new long[m][];
        double[][] values = new double[m][];
        int[][] start = new int[m][1];
        int[][] end = new int[m][1];
        for (int c = 0; c < m; c++) {
            Series series = byName.getOrDefault(signalNames.get(c), Series.EMPTY);
            times[c] = series.times;
            values[c] = series.values;
            end[c][0] = series.times.length;
        }
        windows.block(times, values, start, end, 1);
        return windows;
    }

    /**
     * Derives the features of a whole portfolio in one pass over its signal columns, writing every
     * definition's value and observation count into {@code into}; the same values, to the last
     * bit, as {@link #derive(AccountId, Collection, Instant)} for each account's signals (signals
     * of one account at the same millisecond count in their column order, where the object path
     * orders them by id). A missing value is written as NaN with 0 observations. Allocates nothing
     * per account.
     *
     * <p>Everything is checked before anything is written: on a {@link org.cskit.model.ValidationException}
     * {@code into} is as it was.
     *
     * @param signals the portfolio's signals; signals no definition reads are ignored
     * @param asOf the as-of time; no observation may be after it
     * @param into where to write: the same rows as {@code signals}, and for every definition's name a
     *     {@code double} column with observation counts (as {@link FeatureColumns#allocate} makes);
     *     other features are left alone
     * @throws org.cskit.model.ValidationException naming the signal, observation, row and time of an
     *     observation after {@code asOf}, or the feature {@code into} cannot hold
     */
    public void derive(SignalColumns signals, Instant asOf, FeatureColumns into) {
        Validate.present("signals", signals);
        Validate.present("into", into);
        if (into.rows() != signals.rows()) {
            throw Validate.invalid("into", "into has " + into.rows() + " rows, but the signals are of " + signals.rows() + " accounts");
        }
        derive(signals, asOf, into, 0);
    }

    /**
     * Derives the features of a slice of a portfolio: as {@link #derive(SignalColumns, Instant, FeatureColumns)},
     * writing the signals' row {@code r} into row {@code intoRow + r} of {@code into}, so that a large
     * portfolio's signals can be made and derived a slice at a time into one set of feature columns.
     * Slices on different rows may be derived in parallel.
     *
     * @param signals the slice's signals
     * @param asOf the as-of time; no observation may be after it
     * @param into where to write, as above, with at least {@code intoRow + signals.rows()} rows
     * @param intoRow the row of {@code into} for the signals' row 0
     * @throws org.cskit.model.ValidationException as above, or if the slice does not fit in {@code into}
     */
    public void derive(SignalColumns signals, Instant asOf, FeatureColumns into, int intoRow) {
        Validate.present("signals", signals);
        Validate.present("asOf", asOf);
        Validate.present("into", into);
        if (intoRow < 0 || (long) intoRow + signals.rows() > into.rows()) {
            throw Validate.invalid("intoRow", "rows " + intoRow + " to " + ((long) intoRow + signals.rows()) + " do not fit in into's "
                    + into.rows() + " rows");
        }
        int n = definitions.size();
        double[][] values = new double[n][];
        int[][] counts = new int[n][];
        for (int d = 0; d < n; d++) {
            String name = definitions.get(d).name();
            int index = into.schema().indexOf(name);
            if (index < 0 || into.doubles(index) == null || into.observations(index) == null) {
                throw Validate.invalid("into." + name, "into must hold feature '" + name + "' as a double column with "
                        + "observation counts (as FeatureColumns.allocate makes), but " + (index < 0 ? "its schema lacks it"
                        : into.column(index) == null ? "it has no column" : into.doubles(index) == null
                        ? "it is a " + into.column(index).type() + " column" : "it has no observation counts"));
            }
            values[d] = into.doubles(index);
            counts[d] = into.observations(index);
        }
        List<String> names = signalNames;
        SignalColumn[] columns = new SignalColumn[names.size()];
        long last = asOf.toEpochMilli();
        for (int c = 0; c < columns.length; c++) {
            SignalColumn column = signals.column(names.get(c));
            columns[c] = column != null ? column : SignalColumn.of(names.get(c), new int[0], new long[0], new double[0]);
            afterAsOf(columns[c], asOf, last);
        }
        Windows windows = new Windows(definitions, names, asOf, MILLIS, BLOCK);
        int m = columns.length;
        int[][] rowsOf = new int[m][];
        long[][] timesOf = new long[m][];
        double[][] valuesOf = new double[m][];
        int[] countOf = new int[m];
        for (int c = 0; c < m; c++) {
            rowsOf[c] = columns[c].rows();
            timesOf[c] = columns[c].times();
            valuesOf[c] = columns[c].values();
            countOf[c] = columns[c].count();
        }
        int[] cursor = new int[m];
        int[][] start = new int[m][BLOCK];
        int[][] end = new int[m][BLOCK];
        for (int from = 0, rows = signals.rows(); from < rows; from += BLOCK) {
            int block = Math.min(BLOCK, rows - from);
            for (int c = 0; c < m; c++) {
                int[] of = rowsOf[c];
                int[] s = start[c];
                int[] e = end[c];
                int i = cursor[c];
                int count = countOf[c];
                for (int r = 0; r < block; r++) {
                    int row = from + r;
                    s[r] = i;
                    while (i < count && of[i] == row) {
                        i++;
                    }
                    e[r] = i;
                }
                cursor[c] = i;
            }
            windows.block(timesOf, valuesOf, start, end, block);
            for (int d = 0; d < n; d++) {
                System.arraycopy(windows.value[d], 0, values[d], intoRow + from, block);
                System.arraycopy(windows.count[d], 0, counts[d], intoRow + from, block);
            }
        }
    }

    /** Refuses an observation after the as-of time (in milliseconds, at or before asOf's millisecond). */
    private static void afterAsOf(SignalColumn column, Instant asOf, long last) {
        if (column.latestTime() <= last) {
            return; // the column's latest time, found when it was built: no need to read every time again
        }
        long[] times = column.times();
        for (int i = 0; i < column.count(); i++) {
            if (times[i] > last) {
                throw Validate.invalid(column.name() + ".times[" + i + "]", "signal '" + column.name() + "' observation " + i
                        + " (row " + column.rows()[i] + ") at " + Instant.ofEpochMilli(times[i]) + " is after the as-of time "
                        + asOf);
            }
        }
    }

    /** Checks every signal and sorts those a definition reads into one series per signal name. */
    private Map<String, Series> group(AccountId account, Collection<Signal> signals, Instant asOf) {
        Validate.present("account", account);
        Validate.present("signals", signals);
        Validate.present("asOf", asOf);
        Map<String, List<Signal>> lists = new HashMap<>();
        Set<SignalId> ids = new HashSet<>(Math.max(16, signals.size() * 2));
        int i = 0;
        for (Signal s : signals) {
            if (s == null) {
                throw Validate.invalid("signals[" + i + "]", "signals[" + i + "] must not be null");
            }
            if (!s.accountId().equals(account)) {
                throw Validate.invalid("signals[" + i + "].accountId", "signals[" + i + "] '" + s.name() + "' is of account '"
                        + s.accountId() + "', not of account '" + account + "'");
            }
            if (Windows.units(s.observedAt(), NANOS) == Long.MIN_VALUE) {
                throw Validate.invalid("signals[" + i + "].observedAt", "signals[" + i + "] '" + s.name() + "' observed at "
                        + s.observedAt() + " is outside " + Instant.ofEpochSecond(0, Long.MIN_VALUE + 1) + " to "
                        + Instant.ofEpochSecond(0, Long.MAX_VALUE) + ", the times features are derived over");
            }
            if (s.observedAt().isAfter(asOf)) {
                throw Validate.invalid("signals[" + i + "].observedAt", "signals[" + i + "] '" + s.name() + "' observed at "
                        + s.observedAt() + " is after the as-of time " + asOf);
            }
            if (!ids.add(s.id())) {
                throw duplicateId(signals, s.id(), i);
            }
            if (signalNames.contains(s.name())) {
                lists.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
            i++;
        }
        Map<String, Series> series = new HashMap<>();
        lists.forEach((name, list) -> series.put(name, Series.of(list)));
        return series;
    }

    /** The error for a repeated id; finds the first signal with it (only on this error path). */
    private static ValidationException duplicateId(Collection<Signal> signals, SignalId id, int at) {
        int first = 0;
        for (Signal s : signals) {
            if (s.id().equals(id)) {
                break;
            }
            first++;
        }
        return Validate.invalid("signals[" + at + "].id", "duplicate signal id '" + id + "' in signals[" + first
                + "] and signals[" + at + "]");
    }

    /** One signal name's times (in nanoseconds) and values, sorted by time and then id. */
    private static final class Series {
        static final Series EMPTY = new Series(new long[0], new double[0]);

        final long[] times;
        final double[] values;

        private Series(long[] times, double[] values) {
            this.times = times;
            this.values = values;
        }

        static Series of(List<Signal> signals) {
            signals.sort(BY_TIME_THEN_ID);
            long[] times = new long[signals.size()];
            double[] values = new double[signals.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = Windows.units(signals.get(i).observedAt(), NANOS);
                values[i] = signals.get(i).value();
            }
            return new Series(times, values);
        }
    }
}
