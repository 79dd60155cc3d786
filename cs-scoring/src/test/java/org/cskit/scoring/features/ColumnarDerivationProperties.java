package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.cskit.model.AccountId;
import org.cskit.model.Features;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;

/**
 * Random portfolios (up to 12 accounts, three signals, times to the millisecond on a coarse grid so
 * that several share an instant, as-of times with a nanosecond part) and random windows: deriving
 * the portfolio's signal columns in one pass gives, for every account, exactly the bits and counts
 * the object path gives for that account's {@link Signal}s, over definitions covering every
 * aggregate, both changes, a trend and a ratio.
 */
class ColumnarDerivationProperties {
    private static final Instant BASE = Instant.parse("2026-05-15T00:00:00Z");
    private static final String[] SIGNALS = {"usage", "seats", "workflow"};

    private static List<FeatureDefinition> definitions(Duration window) {
        List<FeatureDefinition> defs = new ArrayList<>();
        for (Aggregate a : Aggregate.values()) {
            for (String signal : SIGNALS) {
                String name = a + "_" + signal;
                defs.add(FeatureDefinition.of(name, signal, a, window));
                if (a == Aggregate.DAYS_SINCE_LAST) {
                    continue;
                }
                defs.add(FeatureDefinition.builder().name(name + "_abs").signal(signal).aggregate(a).window(window)
                        .change(WindowChange.ABSOLUTE).build());
                defs.add(FeatureDefinition.builder().name(name + "_pct").signal(signal).aggregate(a).window(window)
                        .change(WindowChange.PERCENT).build());
                defs.add(FeatureDefinition.builder().name(name + "_trend").signal(signal).aggregate(a).window(window)
                        .trendPeriods(3).build());
                defs.add(FeatureDefinition.builder().name(name + "_per_seat").signal(signal).aggregate(a).window(window)
                        .denominator("seats").build());
            }
        }
        return defs;
    }

    /** One observation of the portfolio. */
    private record Observation(int row, String signal, long millis, double value) {}

    @Property(tries = 200)
    void deriveColumns_equalsTheObjectPathForEveryAccount_toTheBit(@ForAll @IntRange(min = 0, max = 12) int accounts,
            @ForAll long seed, @ForAll @LongRange(min = 3_600_000L, max = 20L * 86_400_000) long windowMillis,
            @ForAll @IntRange(min = 0, max = 999_999_999) int asOfNanos) {
        deriveAndCompare(accounts, seed, windowMillis, asOfNanos, 0, false);
    }

    /**
     * Portfolios of several blocks ({@link FeatureDeriver#BLOCK} accounts each, the last one partial, a
     * quarter of the accounts without any signal), written at an offset into larger columns: every row
     * is, to the bit, the object path's account, and the rows before the offset are left alone. Fails
     * if a block's cursor, its last row or the last partial block is wrong.
     */
    @Property(tries = 40)
    void deriveColumns_acrossBlocks_equalsTheObjectPathForEveryAccount(
            @ForAll @IntRange(min = FeatureDeriver.BLOCK - 2, max = 3 * FeatureDeriver.BLOCK + 2) int accounts, @ForAll long seed,
            @ForAll @LongRange(min = 3_600_000L, max = 20L * 86_400_000) long windowMillis,
            @ForAll @IntRange(min = 0, max = 999_999_999) int asOfNanos, @ForAll @IntRange(min = 0, max = 3) int intoRow) {
        deriveAndCompare(accounts, seed, windowMillis, asOfNanos, intoRow, true);
    }

    private static void deriveAndCompare(int accounts, long seed, long windowMillis, int asOfNanos, int intoRow, boolean sparse) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant asOf = BASE.plusNanos(asOfNanos);
        Duration window = Duration.ofMillis(windowMillis);
        FeatureDeriver deriver = FeatureDeriver.of(definitions(window));
        List<Observation> observations = new ArrayList<>();
        long asOfMillis = asOf.toEpochMilli();
        for (int row = 0; row < accounts; row++) {
            for (String signal : SIGNALS) {
                int n = sparse && row % 4 == (int) (seed & 3) ? 0 : random.nextInt(0, 30);
                for (int i = 0; i < n; i++) {
                    // On a 6-hour grid reaching 90 days back, sometimes off it by some milliseconds.
                    long back = random.nextInt(0, 360) * 21_600_000L + (random.nextBoolean() ? 0 : random.nextInt(0, 5_000));
                    double value = signal.equals("workflow") ? random.nextInt(0, 6)
                            : random.nextInt(0, 8) == 0 ? 0 : random.nextInt(-100_000, 100_000) / 100.0;
                    observations.add(new Observation(row, signal, asOfMillis - back, value));
                }
            }
        }
        // Column order: by row, then time; ties keep generation order, and object ids follow the same order.
        observations.sort(Comparator.comparingInt(Observation::row).thenComparingLong(Observation::millis));
        List<SignalColumn> columns = new ArrayList<>();
        List<List<Signal>> perAccount = new ArrayList<>();
        for (int row = 0; row < accounts; row++) {
            perAccount.add(new ArrayList<>());
        }
        int id = 0;
        for (String signal : SIGNALS) {
            List<Observation> of = observations.stream().filter(o -> o.signal().equals(signal)).toList();
            int[] rows = new int[of.size()];
            long[] times = new long[of.size()];
            double[] values = new double[of.size()];
            for (int i = 0; i < of.size(); i++) {
                Observation o = of.get(i);
                rows[i] = o.row();
                times[i] = o.millis();
                values[i] = o.value();
                perAccount.get(o.row()).add(Signal.builder().id(SignalId.of(String.format("s%07d", id++)))
                        .accountId(account(o.row())).family(SignalFamily.USAGE).name(signal).value(o.value()).unit("n")
                        .observedAt(Instant.ofEpochMilli(o.millis())).source("test").build());
            }
            columns.add(SignalColumn.of(signal, rows, times, values));
        }
        FeatureColumns into = FeatureColumns.allocate(deriver.schema(), intoRow + accounts);
        FeatureColumns untouched = FeatureColumns.allocate(deriver.schema(), intoRow + accounts);

        deriver.derive(SignalColumns.of(accounts, columns), asOf, into, intoRow);

        for (int d = 0; d < deriver.schema().size(); d++) {
            for (int row = 0; row < intoRow; row++) {
                assertThat(Double.doubleToLongBits(into.value(d, row))).as("row %d before the offset", row)
                        .isEqualTo(Double.doubleToLongBits(untouched.value(d, row)));
                assertThat(into.observations(d, row)).isEqualTo(untouched.observations(d, row));
            }
        }
        for (int row = 0; row < accounts; row++) {
            Features expected = deriver.derive(account(row), perAccount.get(row), asOf);
            for (int d = 0; d < deriver.schema().size(); d++) {
                String name = deriver.schema().names().get(d);
                assertThat(Double.doubleToLongBits(into.value(d, intoRow + row))).as("%s of row %d", name, row)
                        .isEqualTo(Double.doubleToLongBits(expected.valueAt(d)));
                assertThat(into.observations(d, intoRow + row)).as("observations of %s, row %d", name, row)
                        .isEqualTo(expected.observationsAt(d));
            }
        }
    }

    /**
     * Definitions that read one signal over one window share their aggregates (a sum and its change,
     * a mean and its trend, a numerator and another's denominator): each feature derived among all
     * the others is, to the bit, the feature derived by a deriver that has it alone, with nothing
     * to share. Sums counting an empty window as 0 and as missing are in the mix, so a shared
     * aggregate that ignored the empty-window rule would fail here.
     */
    @Property(tries = 60)
    void deriveColumns_eachFeatureAmongOthers_equalsItDerivedAlone(@ForAll @IntRange(min = 1, max = 8) int accounts,
            @ForAll long seed, @ForAll @LongRange(min = 3_600_000L, max = 20L * 86_400_000) long windowMillis) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant asOf = BASE;
        Duration window = Duration.ofMillis(windowMillis);
        List<FeatureDefinition> defs = new ArrayList<>(definitions(window));
        for (String signal : SIGNALS) {
            defs.add(FeatureDefinition.builder().name("sum_missing_" + signal).signal(signal).aggregate(Aggregate.SUM)
                    .window(window).emptyAsZero(false).build());
            defs.add(FeatureDefinition.builder().name("sum_missing_trend_" + signal).signal(signal).aggregate(Aggregate.SUM)
                    .window(window).emptyAsZero(false).trendPeriods(4).build());
            defs.add(FeatureDefinition.builder().name("seats_per_" + signal).signal("seats").aggregate(Aggregate.SUM)
                    .window(window).denominator(signal).build());
        }
        List<SignalColumn> columns = new ArrayList<>();
        for (String signal : SIGNALS) {
            List<long[]> rowTime = new ArrayList<>();
            for (int row = 0; row < accounts; row++) {
                int n = random.nextInt(0, 30);
                for (int i = 0; i < n; i++) {
                    rowTime.add(new long[] {row, asOf.toEpochMilli() - random.nextInt(0, 360) * 21_600_000L});
                }
            }
            rowTime.sort(Comparator.<long[]>comparingLong(o -> o[0]).thenComparingLong(o -> o[1]));
            int[] rows = new int[rowTime.size()];
            long[] times = new long[rowTime.size()];
            double[] values = new double[rowTime.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (int) rowTime.get(i)[0];
                times[i] = rowTime.get(i)[1];
                values[i] = random.nextInt(0, 4) == 0 ? 0 : random.nextInt(-100_000, 100_000) / 100.0;
            }
            columns.add(SignalColumn.of(signal, rows, times, values));
        }
        SignalColumns signals = SignalColumns.of(accounts, columns);
        FeatureDeriver all = FeatureDeriver.of(defs);
        FeatureColumns together = FeatureColumns.allocate(all.schema(), accounts);
        all.derive(signals, asOf, together);

        for (int d = 0; d < defs.size(); d++) {
            FeatureDeriver alone = FeatureDeriver.of(List.of(defs.get(d)));
            FeatureColumns one = FeatureColumns.allocate(alone.schema(), accounts);
            alone.derive(signals, asOf, one);
            for (int row = 0; row < accounts; row++) {
                assertThat(Double.doubleToLongBits(together.value(d, row))).as("%s of row %d", defs.get(d).name(), row)
                        .isEqualTo(Double.doubleToLongBits(one.value(0, row)));
                assertThat(together.observations(d, row)).as("observations of %s, row %d", defs.get(d).name(), row)
                        .isEqualTo(one.observations(0, row));
            }
        }
    }

    private static AccountId account(int row) {
        return AccountId.of("a" + row);
    }
}
