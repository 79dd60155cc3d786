package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.cskit.model.Band;
import org.cskit.model.Segment;

/**
 * How success vectors spread over bands in each segment, with each segment's mean score, from one
 * {@link ScoredAccount} per account. Segments come in the order of their names (then engagement
 * models), bands riskiest first. Only the counts and score sums per segment and band are kept.
 * Immutable and thread-safe.
 */
public final class VectorDistribution {
    private static final Comparator<Segment> SEGMENT_ORDER =
            Comparator.comparing(Segment::name).thenComparing(Segment::engagementModel);

    private final List<SegmentDistribution> segments;

    private VectorDistribution(List<SegmentDistribution> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * Computes the distribution over scored accounts.
     *
     * @param accounts the scored accounts, each once
     * @return the distribution
     */
    public static VectorDistribution of(Iterable<ScoredAccount> accounts) {
        return of(StreamSupport.stream(accounts.spliterator(), false));
    }

    /**
     * Computes the distribution over a stream of scored accounts, reading it once.
     *
     * @param accounts the scored accounts, each once
     * @return the distribution
     */
    public static VectorDistribution of(Stream<ScoredAccount> accounts) {
        return accounts.collect(collector());
    }

    /**
     * A collector that computes the distribution; it may run in parallel.
     *
     * @return the collector
     */
    public static Collector<ScoredAccount, ?, VectorDistribution> collector() {
        return Collector.of(Tally::new, Tally::add, Tally::merge, Tally::finish, Collector.Characteristics.UNORDERED);
    }

    /**
     * Combines this distribution with one over other accounts.
     *
     * @param other a distribution over other accounts
     * @return the distribution over both
     */
    public VectorDistribution combine(VectorDistribution other) {
        Tally sum = new Tally();
        Stream.concat(segments.stream(), other.segments.stream()).forEach(sum::add);
        return sum.finish();
    }

    /**
     * Every segment that occurs, in the order of the segments' names, then engagement models.
     *
     * @return the segments' distributions
     */
    public List<SegmentDistribution> segments() {
        return segments;
    }

    /**
     * One segment's distribution.
     *
     * @param segment the segment
     * @return its distribution, or empty if no account was in it
     */
    public Optional<SegmentDistribution> segment(Segment segment) {
        return segments.stream().filter(s -> s.segment().equals(segment)).findFirst();
    }

    /**
     * Every account counted.
     *
     * @return the count over all segments
     */
    public long accounts() {
        return segments.stream().mapToLong(SegmentDistribution::accounts).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorDistribution d && segments.equals(d.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return "VectorDistribution" + segments;
    }

    /** The running counts and exact score sums per segment. */
    private static final class Tally {
        private final TreeMap<Segment, Part> parts = new TreeMap<>(SEGMENT_ORDER);

        void add(ScoredAccount account) {
            Part part = parts.computeIfAbsent(account.segment(), s -> new Part());
            part.accounts++;
            part.bands.merge(account.vector().band(), 1L, Long::sum);
            // new BigDecimal(double) is the double's exact value: the sum does not depend on the order.
            part.scoreSum = part.scoreSum.add(new BigDecimal(account.vector().score()));
        }

        void add(SegmentDistribution segment) {
            Part part = parts.computeIfAbsent(segment.segment(), s -> new Part());
            part.accounts += segment.accounts();
            segment.bandCounts().forEach((band, count) -> part.bands.merge(band, count, Long::sum));
            part.scoreSum = part.scoreSum.add(segment.scoreSum());
        }

        Tally merge(Tally other) {
            other.finish().segments.forEach(this::add);
            return this;
        }

        VectorDistribution finish() {
            return new VectorDistribution(parts.entrySet().stream()
                    .map(e -> new SegmentDistribution(e.getKey(), e.getValue().accounts, e.getValue().bands,
                            e.getValue().scoreSum))
                    .toList());
        }
    }

    /** One segment's running counts. */
    private static final class Part {
        private long accounts;
        private final SortedMap<Band, Long> bands = new TreeMap<>(SegmentDistribution.BAND_ORDER);
        private BigDecimal scoreSum = BigDecimal.ZERO;
    }
}
