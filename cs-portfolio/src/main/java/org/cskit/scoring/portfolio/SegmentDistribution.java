package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cskit.model.Band;
import org.cskit.model.Segment;

/**
 * How the success vectors of one segment's accounts spread over bands, with their mean score; part
 * of a {@link VectorDistribution}. Immutable and thread-safe.
 */
public final class SegmentDistribution {
    static final Comparator<Band> BAND_ORDER = Comparator.comparingInt(Band::rank).thenComparing(Band::label);

    private final Segment segment;
    private final long accounts;
    private final SortedMap<Band, Long> bandCounts;
    private final BigDecimal scoreSum;

    SegmentDistribution(Segment segment, long accounts, SortedMap<Band, Long> bandCounts, BigDecimal scoreSum) {
        this.segment = segment;
        this.accounts = accounts;
        this.bandCounts = Collections.unmodifiableSortedMap(new TreeMap<>(bandCounts));
        this.scoreSum = scoreSum;
    }

    /**
     * The segment.
     *
     * @return the segment
     */
    public Segment segment() {
        return segment;
    }

    /**
     * The segment's accounts counted.
     *
     * @return the count, at least 1
     */
    public long accounts() {
        return accounts;
    }

    /**
     * The number of accounts in each band, riskiest first (by rank, then label); only bands that occur.
     *
     * @return the counts by band; unmodifiable
     */
    public SortedMap<Band, Long> bandCounts() {
        return bandCounts;
    }

    /**
     * The number of accounts in bands with a label, whatever the bands' ranks.
     *
     * @param label the band's label, such as {@code red}
     * @return the count; 0 if no account is in such a band
     */
    public long count(String label) {
        return bandCounts.entrySet().stream().filter(e -> e.getKey().label().equals(label))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * The mean score of the segment's accounts: the exact sum of the scores divided with
     * {@link java.math.MathContext#DECIMAL64}, so the same whatever the order of the accounts.
     *
     * @return the mean score, in [0, 100]
     */
    public BigDecimal meanScore() {
        return scoreSum.divide(BigDecimal.valueOf(accounts), Ratios.CONTEXT);
    }

    BigDecimal scoreSum() {
        return scoreSum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentDistribution d && segment.equals(d.segment) && accounts == d.accounts
                && bandCounts.equals(d.bandCounts) && scoreSum.compareTo(d.scoreSum) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(segment, accounts, bandCounts, scoreSum.stripTrailingZeros());
    }

    @Override
    public String toString() {
        return "SegmentDistribution{segment=" + segment.name() + ", accounts=" + accounts + ", bandCounts=" + bandCounts
                + ", meanScore=" + meanScore().toPlainString() + "}";
    }
}
