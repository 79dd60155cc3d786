package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.SurveyKind;
import org.cskit.model.columns.SignalColumns;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.SnapshotAssembler;
import org.cskit.scoring.portfolio.ReportingPeriod;
import org.cskit.scoring.portfolio.ValueRates;
import org.junit.jupiter.api.Test;

/**
 * The demo's nights in slices ({@link DemoNight}): the last night reads its accounts a slice at a
 * time, each account once for its facts and its signals, and the report does not depend on the slice
 * size, also on a day when churned accounts leave gaps between the night's rows.
 */
class DemoNightSlicesTest {
    /** After the first renewals: some accounts have churned, so the last night's rows skip indices. */
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 15);

    private static Strategy scorecard(PortfolioSource data) {
        PortfolioSource.Config config = data.defaultConfig(WeightedScorecard.NAME).orElseThrow();
        return new Strategy(ScoringStrategies.withBuiltIns().create(WeightedScorecard.NAME, config.json()), config.source(), config.json());
    }

    private static String report(PortfolioSource data, int slice) {
        Strategy strategy = scorecard(data);
        List<LocalDate> days = ScoredPortfolio.monthly(AS_OF, PortfolioCommand.MONTHS, data.first());
        DemoPortfolio scored = DemoNight.run(data, AS_OF, strategy, days, BuiltInPlaybooks.all(), null, null, 8, Progress.off(), slice);
        return DemoReport.html(new DemoRun(data, AS_OF, strategy, scored), 8, "state: in memory");
    }

    @Test
    void run_inSlicesOfAnySize_givesTheSameReport() {
        GeneratedSource data = GeneratedSource.of(1200, 17, GeneratedSource.assembler(null));
        assertThat(data.generator().account(0).accountOn(AS_OF)).isPresent();
        long churned = java.util.stream.IntStream.range(0, data.size()).filter(i -> data.accountOn(i, AS_OF).isEmpty()).count();
        assertThat(churned).as("accounts gone by the as-of day").isBetween(50L, 1100L);

        String whole = report(data, DemoNight.SLICE);
        assertThat(report(data, 128)).isEqualTo(whole);
        assertThat(report(data, 1000)).isEqualTo(whole);
    }

    @Test
    void run_readsEachAccountOnceForTheLastNight() {
        Counting data = new Counting(GeneratedSource.of(1200, 17, GeneratedSource.assembler(null)));
        report(data, 128);

        for (int i = 0; i < data.size(); i++) {
            // Once for the nights before the last day (which finds the last day's accounts), once for the last night.
            assertThat(data.spans.get(i)).as("spans over account %d", i).isEqualTo(2);
        }
        // Only the customers of the plays the report's queue shows are looked up one by one.
        assertThat(data.accountOn.get()).as("accounts read one by one").isPositive().isLessThanOrEqualTo(DemoReport.QUEUE_ROWS);
        assertThat(data.signalColumns.get()).as("signals read apart from their accounts").isZero();
    }

    /** A source that counts how often each account is read in a span, and the other reads. */
    private static final class Counting implements PortfolioSource {
        private final PortfolioSource data;
        final AtomicIntegerArray spans;
        final AtomicInteger accountOn = new AtomicInteger();
        final AtomicInteger signalColumns = new AtomicInteger();

        Counting(PortfolioSource data) {
            this.data = data;
            this.spans = new AtomicIntegerArray(data.size());
        }

        @Override
        public Span span(int from, int to, LocalDate upTo) {
            for (int i = from; i < to; i++) {
                spans.incrementAndGet(i);
            }
            return data.span(from, to, upTo);
        }

        @Override
        public Optional<Account> accountOn(int index, LocalDate day) {
            accountOn.incrementAndGet();
            return data.accountOn(index, day);
        }

        @Override
        public SignalColumns signalColumns(int from, int to, LocalDate day) {
            signalColumns.incrementAndGet();
            return data.signalColumns(from, to, day);
        }

        @Override
        public Optional<Standing> standing(int index, ReportingPeriod period) {
            accountOn.incrementAndGet();
            return data.standing(index, period);
        }

        @Override
        public Optional<Standing> standing(int index, Member member, ReportingPeriod period) {
            return data.standing(index, member, period);
        }

        @Override
        public String description() {
            return data.description();
        }

        @Override
        public String name() {
            return data.name();
        }

        @Override
        public String contents(List<LocalDate> days, long signals) {
            return data.contents(days, signals);
        }

        @Override
        public Optional<Path> folder() {
            return data.folder();
        }

        @Override
        public String membership() {
            return data.membership();
        }

        @Override
        public String segments() {
            return data.segments();
        }

        @Override
        public LocalDate first() {
            return data.first();
        }

        @Override
        public LocalDate last() {
            return data.last();
        }

        @Override
        public LocalDate defaultAsOf() {
            return data.defaultAsOf();
        }

        @Override
        public SnapshotAssembler assembler() {
            return data.assembler();
        }

        @Override
        public Optional<Config> defaultConfig(String strategy) {
            return data.defaultConfig(strategy);
        }

        @Override
        public int size() {
            return data.size();
        }

        @Override
        public Member member(int index, LocalDate upTo) {
            return data.member(index, upTo);
        }

        @Override
        public Optional<Account> account(AccountId id, LocalDate day) {
            return data.account(id, day);
        }

        @Override
        public AccountId id(int index) {
            return data.id(index);
        }

        @Override
        public int index(AccountId id) {
            return data.index(id);
        }

        @Override
        public List<String> notes() {
            return data.notes();
        }

        @Override
        public Currency currency() {
            return data.currency();
        }

        @Override
        public Map<String, SurveyKind> surveySignals() {
            return data.surveySignals();
        }

        @Override
        public ValueRates valueRates() {
            return data.valueRates();
        }
    }
}
