package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Stream;
import org.cskit.model.Segment;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * The portfolio's survey measures over the answers given in a {@link ReportingPeriod} (by the UTC
 * day of each answer), overall and per segment. Answers outside the period are skipped. Mergeable
 * and order independent like {@link RetentionReport}. Immutable and thread-safe.
 *
 * <ul>
 *   <li>NPS = 100 × (promoters (9-10) - detractors (0-6)) / NPS answers, in points from -100 to 100;</li>
 *   <li>CSAT = satisfied answers (4-5) / CSAT answers, a fraction in [0, 1];</li>
 *   <li>CES = the mean CES answer, in [1, 7], higher is easier.</li>
 * </ul>
 * Each is over answers, not accounts: an account that answered three times counts three times.
 * Ratios are divided with {@link java.math.MathContext#DECIMAL64} and empty without answers.
 */
public final class SurveyScores {
    /**
     * A survey answer with the segment of the account that gave it: the input of {@link SurveyScores}.
     *
     * @param segment the account's segment
     * @param response the answer
     */
    public record Answer(Segment segment, SurveyResponse response) {
        /**
         * Checks the parts.
         *
         * @throws ValidationException if a part is null
         */
        public Answer {
            Validate.present("segment", segment);
            Validate.present("response", response);
        }
    }

    private final ReportingPeriod period;
    /** Per segment, per kind, the answers per score. */
    private final SortedMap<Segment, long[][]> counts;

    private SurveyScores(ReportingPeriod period, SortedMap<Segment, long[][]> counts) {
        this.period = period;
        this.counts = counts;
    }

    /**
     * Computes the measures over a stream of answers, reading it once.
     *
     * @param period the days whose answers count
     * @param answers the answers
     * @return the measures
     */
    public static SurveyScores of(ReportingPeriod period, Stream<Answer> answers) {
        return answers.collect(collector(period));
    }

    /**
     * A collector that computes the measures; it may run in parallel.
     *
     * @param period the days whose answers count
     * @return the collector
     */
    public static Collector<Answer, ?, SurveyScores> collector(ReportingPeriod period) {
        Objects.requireNonNull(period, "period");
        return Collector.of(() -> new SurveyScores(period, new TreeMap<>(ChurnReasons.SEGMENT_ORDER)), SurveyScores::add,
                SurveyScores::mergeInto, s -> s, Collector.Characteristics.UNORDERED);
    }

    private void add(Answer answer) {
        SurveyResponse r = answer.response();
        if (!period.contains(r.respondedAt().atZone(ZoneOffset.UTC).toLocalDate())) {
            return;
        }
        counts.computeIfAbsent(answer.segment(), s -> empty())[r.kind().ordinal()][r.score()]++;
    }

    private static long[][] empty() {
        long[][] c = new long[SurveyKind.values().length][];
        for (SurveyKind k : SurveyKind.values()) {
            c[k.ordinal()] = new long[k.max() + 1];
        }
        return c;
    }

    private SurveyScores mergeInto(SurveyScores other) {
        if (!other.period.equals(period)) {
            throw Validate.invalid("period", "cannot combine survey scores over " + period + " with scores over " + other.period
                    + ": the periods differ");
        }
        other.counts.forEach((segment, c) -> {
            long[][] into = counts.computeIfAbsent(segment, s -> empty());
            for (int k = 0; k < c.length; k++) {
                for (int i = 0; i < c[k].length; i++) {
                    into[k][i] += c[k][i];
                }
            }
        });
        return this;
    }

    /**
     * Combines these measures with those over other answers in the same period.
     *
     * @param other measures over other answers
     * @return the measures over both
     * @throws ValidationException if the periods differ
     */
    public SurveyScores combine(SurveyScores other) {
        return new SurveyScores(period, new TreeMap<>(ChurnReasons.SEGMENT_ORDER)).mergeInto(this).mergeInto(other);
    }

    /**
     * The days whose answers count.
     *
     * @return the period
     */
    public ReportingPeriod period() {
        return period;
    }

    /**
     * The segments that gave an answer in the period, by name then engagement model.
     *
     * @return the segments; unmodifiable
     */
    public java.util.SortedSet<Segment> segments() {
        java.util.TreeSet<Segment> out = new java.util.TreeSet<>(ChurnReasons.SEGMENT_ORDER);
        out.addAll(counts.keySet());
        return Collections.unmodifiableSortedSet(out);
    }

    /**
     * The answers per score of one survey over every segment.
     *
     * @param kind the survey
     * @return answers per score, index = score; a copy
     */
    public long[] distribution(SurveyKind kind) {
        long[] sum = new long[kind.max() + 1];
        counts.values().forEach(c -> {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += c[kind.ordinal()][i];
            }
        });
        return sum;
    }

    /**
     * The answers per score of one survey in one segment.
     *
     * @param kind the survey
     * @param segment the segment
     * @return answers per score, index = score, all 0 if the segment gave none; a copy
     */
    public long[] distribution(SurveyKind kind, Segment segment) {
        long[][] c = counts.get(segment);
        return c == null ? new long[kind.max() + 1] : c[kind.ordinal()].clone();
    }

    /**
     * The answers to one survey over every segment.
     *
     * @param kind the survey
     * @return the count
     */
    public long answers(SurveyKind kind) {
        return Arrays.stream(distribution(kind)).sum();
    }

    /**
     * The net promoter score over every segment.
     *
     * @return the NPS in points, or empty without NPS answers
     */
    public Optional<BigDecimal> nps() {
        return nps(distribution(SurveyKind.NPS));
    }

    /**
     * The net promoter score of one segment.
     *
     * @param segment the segment
     * @return the NPS in points, or empty without NPS answers in it
     */
    public Optional<BigDecimal> nps(Segment segment) {
        return nps(distribution(SurveyKind.NPS, segment));
    }

    /**
     * The CSAT over every segment.
     *
     * @return the share of satisfied answers, or empty without CSAT answers
     */
    public Optional<BigDecimal> csat() {
        return csat(distribution(SurveyKind.CSAT));
    }

    /**
     * The CSAT of one segment.
     *
     * @param segment the segment
     * @return the share of satisfied answers, or empty without CSAT answers in it
     */
    public Optional<BigDecimal> csat(Segment segment) {
        return csat(distribution(SurveyKind.CSAT, segment));
    }

    /**
     * The mean CES over every segment.
     *
     * @return the mean answer, or empty without CES answers
     */
    public Optional<BigDecimal> ces() {
        return ces(distribution(SurveyKind.CES));
    }

    /**
     * The mean CES of one segment.
     *
     * @param segment the segment
     * @return the mean answer, or empty without CES answers in it
     */
    public Optional<BigDecimal> ces(Segment segment) {
        return ces(distribution(SurveyKind.CES, segment));
    }

    private static Optional<BigDecimal> nps(long[] d) {
        long n = 0;
        long net = 0;
        for (int score = 0; score < d.length; score++) {
            n += d[score];
            switch (SurveyKind.NPS.sentimentOf(score)) {
                case POSITIVE -> net += d[score];
                case NEGATIVE -> net -= d[score];
                case NEUTRAL -> { }
            }
        }
        return Ratios.of(BigDecimal.valueOf(100 * net), BigDecimal.valueOf(n));
    }

    private static Optional<BigDecimal> csat(long[] d) {
        long n = 0;
        long satisfied = 0;
        for (int score = SurveyKind.CSAT.min(); score < d.length; score++) {
            n += d[score];
            satisfied += SurveyKind.CSAT.sentimentOf(score) == SurveyKind.Sentiment.POSITIVE ? d[score] : 0;
        }
        return Ratios.of(satisfied, n);
    }

    private static Optional<BigDecimal> ces(long[] d) {
        long n = 0;
        long sum = 0;
        for (int score = 0; score < d.length; score++) {
            n += d[score];
            sum += score * d[score];
        }
        return Ratios.of(sum, n);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SurveyScores s) || !period.equals(s.period) || !counts.keySet().equals(s.counts.keySet())) {
            return false;
        }
        for (Map.Entry<Segment, long[][]> e : counts.entrySet()) {
            if (!Arrays.deepEquals(e.getValue(), s.counts.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = period.hashCode();
        for (Map.Entry<Segment, long[][]> e : counts.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.deepHashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "SurveyScores{period=" + period + ", nps=" + nps().map(BigDecimal::toPlainString).orElse("n/a") + " ("
                + answers(SurveyKind.NPS) + "), csat=" + csat().map(BigDecimal::toPlainString).orElse("n/a") + " ("
                + answers(SurveyKind.CSAT) + "), ces=" + ces().map(BigDecimal::toPlainString).orElse("n/a") + " ("
                + answers(SurveyKind.CES) + ")}";
    }
}
