package org.cskit.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cskit.model.Band;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * Splits the score range [0, 100] into 2 to 12 named bands (colours, letters or numbers), riskiest
 * first, with hysteresis: an account stays in its previous band until its score leaves that band's
 * range by more than {@link #hysteresis()} points, so a single data point near a boundary does not
 * flip it. Immutable and thread-safe.
 *
 * <p>Rules: 2 to 12 ranges; labels not blank and unique; the first range starts at 0, each next
 * range starts where the one before ends, the last ends at 100 (no gap, no overlap); hysteresis in
 * [0, 20] points, 2 by default; score decimals, if given, in [0, 6].
 *
 * <p><b>Which band a boundary score is in</b> is the scheme's {@link #boundary()}:
 * {@link Boundary#FROM_INCLUSIVE} (the default) makes a range [from, to), the last including 100, so
 * 40 is yellow in red/yellow/green at 40 and 70; {@link Boundary#TO_INCLUSIVE} makes it (from, to],
 * the first including 0, so 40 is red: Gainsight's documented rule ("except for the 0-X range, the
 * From value is not included"). With {@link #scoreDecimals()} the score is rounded half up to that
 * many decimals before it is banded, so a score that is 75 up to floating-point error
 * ({@code 74.99999999999999}) is banded as 75; the vector keeps the exact score, whose contributions
 * add up to it.
 *
 * <p><b>Hysteresis holds the previous band:</b> with the default 2 points, an account that was
 * green at 71 and now scores 69 stays green. A scorecard's vector says so:
 * {@link org.cskit.model.SuccessVector#bandHeld()} is true when the band is not the one the score
 * alone would give. Set {@code hysteresis} to 0 to band every score on its own.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableBandScheme.class)
@JsonDeserialize(builder = BandScheme.Builder.class)
public abstract class BandScheme {
    // Only the generated implementation extends this type.
    BandScheme() {}

    /** Leaves the default boundary out of the JSON form, so schemes written before it existed keep their form. */
    static final class DefaultBoundary {
        @Override
        public boolean equals(Object value) {
            return value == Boundary.FROM_INCLUSIVE;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Which of two neighbouring ranges a score exactly on their boundary belongs to. */
    public enum Boundary {
        /** A range is [from, to): a boundary score belongs to the higher range; the last range includes 100. */
        FROM_INCLUSIVE,
        /** A range is (from, to]: a boundary score belongs to the lower range; the first range includes 0 (Gainsight's rule). */
        TO_INCLUSIVE
    }

    /**
     * One band's range of scores.
     *
     * @param label the band's label, such as {@code red} or {@code B}
     * @param from the score where the band starts (included unless the scheme's boundary is {@link Boundary#TO_INCLUSIVE})
     * @param to the score where the next band starts (included only if the scheme's boundary is
     *     {@link Boundary#TO_INCLUSIVE}; 100 is always in the last band)
     */
    public record Range(String label, double from, double to) {

        /**
         * Checks the range on its own; the scheme checks how ranges fit together.
         *
         * @throws org.cskit.model.ValidationException if the label is blank or the bounds are not in order within [0, 100]
         */
        public Range {
            Validate.nonBlank("label", label);
            Validate.inRange("from", from, 0.0, 100.0);
            Validate.inRange("to", to, 0.0, 100.0);
            if (to <= from) {
                throw Validate.invalid("to", "band '" + label + "' to " + Validate.format(to) + " must be greater than from " + Validate.format(from));
            }
        }
    }

    /**
     * The ranges, riskiest (lowest scores) first.
     *
     * @return the ranges
     */
    @JsonProperty("ranges")
    public abstract List<Range> ranges();

    /**
     * How far, in points, a score must leave the previous band's range before the band changes.
     *
     * @return the hysteresis; 2 by default
     */
    @Value.Default
    @JsonProperty("hysteresis")
    public double hysteresis() {
        return 2.0;
    }

    /**
     * Which range a score exactly on a boundary belongs to.
     *
     * @return the rule; {@link Boundary#FROM_INCLUSIVE} by default
     */
    @Value.Default
    @JsonProperty("boundary")
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultBoundary.class)
    public Boundary boundary() {
        return Boundary.FROM_INCLUSIVE;
    }

    /**
     * To how many decimals a score is rounded (half up) before it is banded, if at all.
     *
     * @return the decimals, in [0, 6]; empty by default (the exact score is banded)
     */
    @JsonProperty("scoreDecimals")
    public abstract java.util.OptionalInt scoreDecimals();

    /**
     * The score as it is banded: rounded to {@link #scoreDecimals()} if given.
     *
     * @param score a score
     * @return the score to band
     */
    public double bandedScore(double score) {
        if (scoreDecimals().isEmpty() || !Double.isFinite(score)) {
            return score;
        }
        return java.math.BigDecimal.valueOf(score).setScale(scoreDecimals().getAsInt(), java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * The band of a score, ignoring history.
     *
     * @param score a score in [0, 100]
     * @return the band; its rank is the range's position, 0 for the riskiest
     */
    public Band bandOf(double score) {
        return band(indexOf(score));
    }

    /**
     * The band of a score given the previous band: the previous band is kept while the score stays
     * within its range widened by {@link #hysteresis()} on both sides.
     *
     * @param score a score in [0, 100]
     * @param previous the band before, if any; a label this scheme does not know is ignored
     * @return the band
     */
    public Band bandOf(double score, Optional<Band> previous) {
        return band(indexOf(score, previous.isPresent() ? indexOfLabel(previous.get().label()) : -1));
    }

    /**
     * The position of a score's range, ignoring history.
     *
     * @param score a score in [0, 100]
     * @return the range's index, 0 for the riskiest
     */
    public int indexOf(double score) {
        return rangeOf(bandedScore(score));
    }

    /**
     * The position of a banded score's range, ignoring history: the number of ranges' ends (the last's
     * apart) the score has reached, counted without a branch on the score (scores come in no order,
     * so a search would mispredict), since the ends rise; NaN is in the last range.
     */
    private static int rangeOf(Bounds b, double s) {
        if (s != s) {
            return b.to.length - 1;
        }
        double[] to = b.to;
        int range = 0;
        if (b.toInclusive) {
            for (int i = 0; i < to.length - 1; i++) {
                range += s > to[i] ? 1 : 0;
            }
        } else {
            for (int i = 0; i < to.length - 1; i++) {
                range += s >= to[i] ? 1 : 0;
            }
        }
        return range;
    }

    private int rangeOf(double s) {
        return rangeOf(bounds(), s);
    }

    /** The ranges' bounds as arrays, made once on first use (not part of the scheme's value): scoring bands a score per row. */
    @Value.Lazy
    Bounds bounds() {
        return new Bounds(this);
    }

    /** The ranges' from and to, the hysteresis and the boundary rule, as scoring reads them per row. */
    static final class Bounds {
        final double[] from;
        final double[] to;
        final double hysteresis;
        final boolean toInclusive;

        Bounds(BandScheme scheme) {
            this.from = scheme.ranges().stream().mapToDouble(Range::from).toArray();
            this.to = scheme.ranges().stream().mapToDouble(Range::to).toArray();
            this.hysteresis = scheme.hysteresis();
            this.toInclusive = scheme.boundary() == Boundary.TO_INCLUSIVE;
        }
    }

    /**
     * The position of a score's range given the previous one, with hysteresis.
     *
     * @param score a score in [0, 100]
     * @param previous the previous range's index, or -1 if there is none
     * @return the range's index
     */
    public int indexOf(double score, int previous) {
        return indexAndHeld(score, previous) >> 1;
    }

    /**
     * {@link #indexOf(double, int)} times 2, plus 1 when hysteresis held the previous range (the score
     * alone gives another): one rounding of the score for both, as the vector's band and its
     * {@code bandHeld} need them.
     */
    int indexAndHeld(double score, int previous) {
        double s = bandedScore(score);
        Bounds b = bounds();
        int range = rangeOf(b, s);
        if (previous >= 0 && previous < b.from.length) {
            double low = b.from[previous] - b.hysteresis;
            double high = b.to[previous] + b.hysteresis;
            boolean within = b.toInclusive ? s > low && s <= high : s >= low && s < high;
            if (within) {
                return previous << 1 | (range != previous ? 1 : 0);
            }
        }
        return range << 1;
    }

    /**
     * The position of a label.
     *
     * @param label a band label
     * @return its range's index, or -1 if the scheme has no such band
     */
    public int indexOfLabel(String label) {
        List<Range> r = ranges();
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The band at a position.
     *
     * @param index the range's index
     * @return the band, with that rank
     */
    public Band band(int index) {
        return Band.of(ranges().get(index).label(), index);
    }

    @Value.Check
    protected void check() {
        List<Range> r = ranges();
        if (r.size() < 2 || r.size() > 12) {
            throw Validate.invalid("ranges", "a band scheme needs 2 to 12 ranges, but has " + r.size());
        }
        Validate.inRange("hysteresis", hysteresis(), 0.0, 20.0);
        if (scoreDecimals().isPresent() && (scoreDecimals().getAsInt() < 0 || scoreDecimals().getAsInt() > 6)) {
            throw Validate.invalid("scoreDecimals", "scoreDecimals must be in [0, 6], but was " + scoreDecimals().getAsInt());
        }
        if (r.get(0).from() != 0.0) {
            throw Validate.invalid("ranges[0].from", "the first band '" + r.get(0).label() + "' must start at 0, but starts at "
                    + Validate.format(r.get(0).from()));
        }
        for (int i = 1; i < r.size(); i++) {
            Range before = r.get(i - 1);
            Range range = r.get(i);
            if (r.subList(0, i).stream().anyMatch(x -> x.label().equals(range.label()))) {
                throw Validate.invalid("ranges[" + i + "].label", "duplicate band label '" + range.label() + "'");
            }
            if (range.from() < before.to()) {
                throw Validate.invalid("ranges[" + i + "].from", "band '" + range.label() + "' [" + Validate.format(range.from()) + ", "
                        + Validate.format(range.to()) + ") overlaps band '" + before.label() + "' [" + Validate.format(before.from()) + ", "
                        + Validate.format(before.to()) + ")");
            }
            if (range.from() > before.to()) {
                throw Validate.invalid("ranges[" + i + "].from", "band '" + range.label() + "' starts at " + Validate.format(range.from())
                        + " but band '" + before.label() + "' ends at " + Validate.format(before.to()) + ": scores in between would have no band");
            }
        }
        Range last = r.get(r.size() - 1);
        if (last.to() != 100.0) {
            throw Validate.invalid("ranges[" + (r.size() - 1) + "].to", "the last band '" + last.label() + "' must end at 100, but ends at "
                    + Validate.format(last.to()));
        }
    }

    /**
     * Returns a scheme whose bands start at the given scores.
     *
     * @param labels the labels, riskiest first, 2 to 12
     * @param starts where each band after the first starts, increasing, one fewer than the labels
     * @return the scheme, with the default hysteresis
     * @throws org.cskit.model.ValidationException if the labels and starts do not fit together
     */
    public static BandScheme of(List<String> labels, double... starts) {
        if (labels.isEmpty()) {
            throw Validate.invalid("ranges", "a band scheme needs 2 to 12 ranges, but has 0");
        }
        if (labels.size() != starts.length + 1) {
            throw Validate.invalid("starts", "a band scheme of " + labels.size() + " labels needs " + (labels.size() - 1)
                    + " starts, but got " + starts.length);
        }
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            double from = i == 0 ? 0.0 : starts[i - 1];
            double to = i == labels.size() - 1 ? 100.0 : starts[i];
            ranges.add(new Range(labels.get(i), from, to));
        }
        return builder().ranges(ranges).build();
    }

    /**
     * The common red (below 40), yellow (40 to 70) and green (70 and up) scheme.
     *
     * @return the scheme, with the default hysteresis
     */
    public static BandScheme redYellowGreen() {
        return of(List.of("red", "yellow", "green"), 40, 70);
    }

    /**
     * Returns a scheme of equally wide bands.
     *
     * @param labels the labels, riskiest first, 2 to 12, such as {@code E, D, C, B, A}
     * @return the scheme, with the default hysteresis
     */
    public static BandScheme evenly(List<String> labels) {
        double[] starts = new double[Math.max(0, labels.size() - 1)];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = 100.0 * (i + 1) / labels.size();
        }
        return of(labels, starts);
    }

    /**
     * Starts a scheme.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BandScheme}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableBandScheme.Builder {
        Builder() {}
    }
}
