package org.cskit.scoring.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one scoring call did: which strategy, how many accounts, how many landed in each band, how
 * long it took. Holds no account (so a metric built from it has bounded tags). Immutable and
 * thread-safe.
 */
public final class ScoringReport {
    /** What kind of call the report is of. */
    public enum Kind {
        /** One account ({@code score} or {@code summarize}). */
        ACCOUNT,
        /** A batch of accounts held as columns ({@code scoreAll}). */
        BATCH
    }

    private final String strategy;
    private final Kind kind;
    private final long nanos;
    private final List<String> bands;
    private final long[] counts;

    private ScoringReport(String strategy, Kind kind, long nanos, List<String> bands, long[] counts) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.nanos = nanos;
        this.bands = List.copyOf(bands);
        this.counts = counts.clone();
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos must not be negative, but was " + nanos);
        }
        if (counts.length != this.bands.size()) {
            throw new IllegalArgumentException("counts must hold one count per band (" + this.bands.size() + "), but held "
                    + counts.length);
        }
    }

    /**
     * A report (the observed strategy makes them; public for listeners' tests).
     *
     * @param strategy the name the host gave the strategy
     * @param kind the kind of call
     * @param nanos how long it took
     * @param bands band labels
     * @param counts accounts per band label, in the labels' order
     * @return the report
     * @throws IllegalArgumentException if there is not one count per label, or nanos is negative
     */
    public static ScoringReport of(String strategy, Kind kind, long nanos, List<String> bands, long[] counts) {
        return new ScoringReport(strategy, kind, nanos, bands, counts);
    }

    /** @return the name the host gave the strategy (bounded: one per configured strategy) */
    public String strategy() {
        return strategy;
    }

    /** @return the kind of call */
    public Kind kind() {
        return kind;
    }

    /** @return how long the call took, in nanoseconds */
    public long nanos() {
        return nanos;
    }

    /** @return the band labels that {@link #count(int)} indexes */
    public List<String> bands() {
        return bands;
    }

    /**
     * @param band an index into {@link #bands()}
     * @return the accounts scored into that band
     */
    public long count(int band) {
        return counts[band];
    }

    /** @return the accounts scored */
    public long accounts() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "ScoringReport[" + strategy + ", " + kind + ", accounts=" + accounts() + ", nanos=" + nanos + "]";
    }
}
