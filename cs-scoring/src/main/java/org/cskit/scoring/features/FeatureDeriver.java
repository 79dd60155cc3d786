package org.cskit.scoring.features;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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

/**
 * Derives an account's features from its raw signals as of a time, following a fixed list of
 * {@link FeatureDefinition}s. Only signals observed up to the as-of time may be given: a signal from
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
 *   <li>a trend: the total over its periods.
 * </ul>
 *
 * <p>Missing data: a feature without a value is left missing ({@code NaN}) in the result, so a
 * scorecard's missing-data policy applies. An empty window is missing, or 0 where the definition's
 * {@link FeatureDefinition#emptyAsZero()} says so; a change is missing if either window is; a percent
 * change against 0 is missing, never infinite; a trend leaves periods without a value out of its fit
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
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final Comparator<Signal> BY_TIME_THEN_ID =
            Comparator.comparing(Signal::observedAt).thenComparing(Signal::id);

    private final List<FeatureDefinition> definitions;
    private final FeatureSchema schema;
    private final Set<String> signalNames;

    private FeatureDeriver(List<FeatureDefinition> definitions) {
        Validate.present("definitions", definitions);
        if (definitions.isEmpty()) {
            throw Validate.invalid("definitions", "definitions must name at least one feature, but was empty");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        Set<String> signals = new HashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            FeatureDefinition d = Validate.present("definitions[" + i + "]", definitions.get(i));
            Integer first = seen.putIfAbsent(d.name(), i);
            if (first != null) {
                throw Validate.invalid("definitions[" + i + "].name", "duplicate feature name '" + d.name()
                        + "' in definitions[" + first + "] and definitions[" + i + "]");
            }
            names.add(d.name());
            signals.add(d.signal());
        }
        this.definitions = List.copyOf(definitions);
        this.schema = FeatureSchema.of(names);
        this.signalNames = Set.copyOf(signals);
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
        Map<String, Series> byName = group(account, signals, asOf);
        for (int i = 0; i < definitions.size(); i++) {
            Value v = value(definitions.get(i), byName, asOf);
            if (v != null) {
                into.setAt(i, v.value, v.count);
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
        Map<String, Series> byName = group(account, signals, asOf);
        for (FeatureDefinition d : definitions) {
            Value v = value(d, byName, asOf);
            if (v != null) {
                into.set(d.name(), v.value, v.count);
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

    /** The feature's value and what it rests on, or null if it is missing. */
    private static Value value(FeatureDefinition d, Map<String, Series> byName, Instant asOf) {
        Series series = byName.getOrDefault(d.signal(), Series.EMPTY);
        if (d.aggregate() == Aggregate.DAYS_SINCE_LAST) {
            int hi = series.upTo(asOf);
            int lo = series.after(before(asOf, d.window()));
            if (hi == lo) {
                return null;
            }
            Duration since = Duration.between(series.times[hi - 1], asOf);
            return new Value((since.getSeconds() + since.getNano() / 1e9) / SECONDS_PER_DAY, 1);
        }
        if (d.change().isPresent()) {
            Value current = aggregate(d, series, asOf, 0);
            Value previous = aggregate(d, series, asOf, 1);
            if (current.isMissing() || previous.isMissing()) {
                return null;
            }
            double change;
            if (d.change().get() == WindowChange.ABSOLUTE) {
                change = current.value - previous.value;
            } else if (previous.value == 0) {
                return null; // no percent change against nothing
            } else {
                change = 100.0 * (current.value - previous.value) / Math.abs(previous.value);
            }
            return new Value(change, Math.min(current.count, previous.count));
        }
        if (d.trendPeriods().isPresent()) {
            return trend(d, series, asOf);
        }
        Value v = aggregate(d, series, asOf, 0);
        return v.isMissing() ? null : v;
    }

    /** Least-squares slope per period over the periods that have a value; x is the period, oldest 0. */
    private static Value trend(FeatureDefinition d, Series series, Instant asOf) {
        int n = d.trendPeriods().get();
        int points = 0;
        int observations = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            Value period = aggregate(d, series, asOf, k);
            observations += period.count;
            if (period.isMissing()) {
                continue;
            }
            double x = n - 1 - k;
            points++;
            sx += x;
            sy += period.value;
            sxx += x * x;
            sxy += x * period.value;
        }
        // Distinct x values, so the denominator is positive once there are two points.
        return points < 2 ? null : new Value((points * sxy - sx * sy) / (points * sxx - sx * sx), observations);
    }

    /**
     * The definition's aggregate over the k-th window back, {@code (asOf - (k+1) window, asOf - k window]};
     * NaN if the window is empty and empty windows are missing.
     */
    private static Value aggregate(FeatureDefinition d, Series series, Instant asOf, int k) {
        Duration window = d.window();
        Instant end = k == 0 ? asOf : before(asOf, window.multipliedBy(k));
        int hi = end == null ? 0 : series.upTo(end);
        int lo = end == null ? 0 : series.after(before(asOf, window.multipliedBy(k + 1L)));
        int count = hi - lo;
        if (count == 0) {
            return new Value(d.emptyAsZero() ? 0.0 : Double.NaN, 0);
        }
        double[] values = series.values;
        switch (d.aggregate()) {
            case COUNT:
                return new Value(count, count);
            case LAST:
                return new Value(values[hi - 1], count);
            default:
                break;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = lo; i < hi; i++) {
            double v = values[i];
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        switch (d.aggregate()) {
            case SUM:
                return new Value(sum, count);
            case MIN:
                return new Value(min, count);
            case MAX:
                return new Value(max, count);
            default:
                // sum / count can miss [min, max] by a rounding step (3 x 0.1 / 3 > 0.1); the mean cannot.
                return new Value(Math.max(min, Math.min(max, sum / count)), count);
        }
    }

    /** {@code asOf - span}, or null if that is before the earliest instant (an unbounded start). */
    private static Instant before(Instant asOf, Duration span) {
        try {
            return asOf.minus(span);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** A feature's value (NaN: missing) and the number of signals it rests on. */
    private record Value(double value, int count) {
        boolean isMissing() {
            return Double.isNaN(value);
        }
    }

    /** One signal name's signals, sorted by time and then id, as parallel arrays. */
    private static final class Series {
        static final Series EMPTY = new Series(new Instant[0], new double[0]);

        final Instant[] times;
        final double[] values;

        private Series(Instant[] times, double[] values) {
            this.times = times;
            this.values = values;
        }

        static Series of(List<Signal> signals) {
            signals.sort(BY_TIME_THEN_ID);
            Instant[] times = new Instant[signals.size()];
            double[] values = new double[signals.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = signals.get(i).observedAt();
                values[i] = signals.get(i).value();
            }
            return new Series(times, values);
        }

        /** The index of the first signal after {@code t} (null: the first signal); the start of a window. */
        int after(Instant t) {
            return t == null ? 0 : upTo(t);
        }

        /** The number of signals at or before {@code t}: the index one past a window ending at {@code t}. */
        int upTo(Instant t) {
            int lo = 0;
            int hi = times.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid].isAfter(t)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }
}
