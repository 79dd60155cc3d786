package org.cskit.scoring.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

/**
 * Derives an account's features from its raw signals as of a time, following a fixed list of
 * {@link FeatureDefinition}s. Only signals observed up to the as-of time may be given: a signal from
 * its future, of another account, or repeating another's id is refused, never silently dropped.
 * Each feature says how many signals it rests on. Immutable and thread-safe.
 *
 * <pre>{@code
 * FeatureDeriver deriver = FeatureDeriver.of(List.of(
 *         FeatureDefinition.of("logins_14d", "login", Aggregate.COUNT, Duration.ofDays(14)),
 *         FeatureDefinition.builder().name("logins_14d_change_pct").signal("login").aggregate(Aggregate.COUNT)
 *                 .window(Duration.ofDays(14)).change(Change.PERCENT).build()));
 * Features features = deriver.derive(accountId, signals, asOf);
 * }</pre>
 */
public final class FeatureDeriver {
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final List<FeatureDefinition> definitions;
    private final FeatureSchema schema;
    private final Set<String> signalNames;

    private FeatureDeriver(List<FeatureDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
        Set<String> names = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        for (int i = 0; i < this.definitions.size(); i++) {
            String name = this.definitions.get(i).name();
            if (!names.add(name)) {
                throw Validate.invalid("[" + i + "].name", "duplicate feature name '" + name + "' in the definitions");
            }
            ordered.add(name);
        }
        this.schema = FeatureSchema.of(ordered);
        Set<String> signals = new HashSet<>();
        this.definitions.forEach(d -> signals.add(d.signal()));
        this.signalNames = Set.copyOf(signals);
    }

    /**
     * Returns a deriver.
     *
     * @param definitions the features to derive, in the order of the schema
     * @return the deriver
     * @throws org.cskit.model.ValidationException if there is no definition or two share a name
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
        derive(account, signals, asOf, into);
        return into.build();
    }

    /**
     * Derives the features of one account into a builder whose schema contains every definition's
     * name (and may hold other features, such as the standard plan features).
     *
     * @param account the account
     * @param signals its signals, in any order, all observed up to {@code asOf}
     * @param asOf the as-of time
     * @param into the builder to fill
     * @throws org.cskit.model.ValidationException as {@link #derive(AccountId, Collection, Instant)}
     *     does, or if the builder's schema lacks a feature
     */
    public void derive(AccountId account, Collection<Signal> signals, Instant asOf, Features.Builder into) {
        Map<String, List<Signal>> byName = group(account, signals, asOf);
        for (FeatureDefinition d : definitions) {
            List<Signal> series = byName.getOrDefault(d.signal(), List.of());
            write(d, series, asOf, into);
        }
    }

    private Map<String, List<Signal>> group(AccountId account, Collection<Signal> signals, Instant asOf) {
        Map<String, List<Signal>> byName = new HashMap<>();
        Set<SignalId> ids = new HashSet<>(signals.size() * 2);
        int i = 0;
        for (Signal s : signals) {
            String at = "signals[" + i + "]";
            if (!s.accountId().equals(account)) {
                throw Validate.invalid(at + ".accountId", at + " '" + s.name() + "' is of account '" + s.accountId()
                        + "', not of account '" + account + "'");
            }
            if (s.observedAt().isAfter(asOf)) {
                throw Validate.invalid(at + ".observedAt", at + " '" + s.name() + "' observed at " + s.observedAt()
                        + " is after the as-of time " + asOf);
            }
            if (!ids.add(s.id())) {
                throw Validate.invalid(at + ".id", at + " repeats signal id '" + s.id() + "'");
            }
            if (signalNames.contains(s.name())) {
                byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
            i++;
        }
        return byName;
    }

    private static void write(FeatureDefinition d, List<Signal> series, Instant asOf, Features.Builder into) {
        Duration length = d.window();
        if (d.aggregate() == Aggregate.DAYS_SINCE_LAST) {
            Instant last = null;
            for (Signal s : series) {
                if (inWindow(s.observedAt(), asOf, length, 0) && (last == null || s.observedAt().isAfter(last))) {
                    last = s.observedAt();
                }
            }
            if (last != null) {
                Duration since = Duration.between(last, asOf);
                double seconds = since.getSeconds() + since.getNano() / 1e9;
                into.set(d.name(), seconds / SECONDS_PER_DAY, 1);
            }
            return;
        }
        Window current = window(d, series, asOf, length, 0);
        if (d.change().isPresent()) {
            Window before = window(d, series, asOf, length, 1);
            if (Double.isNaN(current.value) || Double.isNaN(before.value)) {
                return;
            }
            double change = d.change().get() == Change.ABSOLUTE ? current.value - before.value
                    : before.value == 0 ? Double.NaN : 100.0 * (current.value - before.value) / Math.abs(before.value);
            if (!Double.isNaN(change)) {
                into.set(d.name(), change, Math.min(current.count, before.count));
            }
            return;
        }
        if (d.trendPeriods().isPresent()) {
            int n = d.trendPeriods().get();
            int points = 0;
            int observations = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (int k = 0; k < n; k++) {
                Window w = k == 0 ? current : window(d, series, asOf, length, k);
                observations += w.count;
                if (Double.isNaN(w.value)) {
                    continue;
                }
                double x = -k;
                points++;
                sx += x;
                sy += w.value;
                sxx += x * x;
                sxy += x * w.value;
            }
            double denominator = points * sxx - sx * sx;
            if (points >= 2 && denominator != 0) {
                into.set(d.name(), (points * sxy - sx * sy) / denominator, observations);
            }
            return;
        }
        if (!Double.isNaN(current.value)) {
            into.set(d.name(), current.value, current.count);
        }
    }

    /** The aggregate over the k-th window back: {@code (asOf - (k+1) window, asOf - k window]}. */
    private static Window window(FeatureDefinition d, List<Signal> series, Instant asOf, Duration length, int k) {
        int count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Instant lastAt = null;
        double last = Double.NaN;
        for (Signal s : series) {
            if (!inWindow(s.observedAt(), asOf, length, k)) {
                continue;
            }
            double v = s.value();
            count++;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (lastAt == null || s.observedAt().isAfter(lastAt)) {
                lastAt = s.observedAt();
                last = v;
            }
        }
        if (count == 0) {
            return new Window(d.emptyAsZero() ? 0.0 : Double.NaN, 0);
        }
        switch (d.aggregate()) {
            case COUNT:
                return new Window(count, count);
            case SUM:
                return new Window(sum, count);
            case MEAN:
                return new Window(sum / count, count);
            case MIN:
                return new Window(min, count);
            case MAX:
                return new Window(max, count);
            default:
                return new Window(last, count);
        }
    }

    private static boolean inWindow(Instant at, Instant asOf, Duration length, int k) {
        Duration before = Duration.between(at, asOf); // never negative: no signal is after asOf
        return before.compareTo(length.multipliedBy(k)) >= 0 && before.compareTo(length.multipliedBy(k + 1L)) < 0;
    }

    private record Window(double value, int count) {}
}
