package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.cskit.datagen.PortfolioGenerator;
import org.cskit.model.Account;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ContractColumns;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.PlanColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Play;
import org.cskit.cli.input.InputException;
import org.cskit.run.NightlyRun;
import org.cskit.run.NightlyState;
import org.cskit.run.SignalSource;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.spi.ScoringStrategy;
import org.junit.jupiter.api.Test;

/**
 * The demo's nights over a generated portfolio ({@link DemoNight}) give what the per-account object
 * path gives ({@link ScoredPortfolio} and {@link PlaybookRun}, which the {@code score} and
 * {@code playbooks} commands still use) and what a direct {@link NightlyRun} gives; a plug-in whose
 * band the run's columns cannot hold is refused.
 */
class DemoNightTest {
    private static final GeneratedSource DATA = GeneratedSource.of(1500, 11, GeneratedSource.assembler(null));
    private static final LocalDate AS_OF = DATA.defaultAsOf();
    private static final List<LocalDate> DAYS = ScoredPortfolio.monthly(AS_OF, PortfolioCommand.MONTHS, DATA.first());

    private static Strategy scorecard(GeneratedSource data) {
        PortfolioSource.Config config = data.defaultConfig(WeightedScorecard.NAME).orElseThrow();
        return new Strategy(ScoringStrategies.withBuiltIns().create(WeightedScorecard.NAME, config.json()), config.source(), config.json());
    }

    @Test
    void run_givesWhatTheObjectPathGives() {
        Strategy strategy = scorecard(DATA);
        DemoPortfolio night = DemoNight.run(DATA, AS_OF, strategy, DAYS, BuiltInPlaybooks.all(), null, null, 8, Progress.off());
        ScoredPortfolio whole = ScoredPortfolio.score(DATA, strategy, DAYS, true, Progress.off());
        PlaybookRun all = PlaybookRun.run(BuiltInPlaybooks.all(), DATA.assembler().schema(), whole, Progress.off());

        assertThat(night.accounts()).isEqualTo(whole.last().size()).isEqualTo(1500);
        assertThat(night.signals()).isEqualTo(whole.signals());
        assertThat(night.distribution()).isEqualTo(whole.distribution());
        List<ScoredPortfolio.Scored> byScore = new ArrayList<>(whole.last());
        byScore.sort(DemoPortfolio.BY_SCORE);
        // The explained vectors (with their contributions) are the object path's, and so are the scores over time.
        assertThat(night.lowest().stream().map(k -> k.scored().vector()).toList())
                .isEqualTo(byScore.subList(0, DemoPortfolio.CANDIDATES).stream().map(ScoredPortfolio.Scored::vector).toList());
        List<ScoredPortfolio.Scored> healthiest = new ArrayList<>(byScore);
        Collections.reverse(healthiest);
        assertThat(night.highest().stream().map(k -> k.scored().vector()).toList())
                .isEqualTo(healthiest.subList(0, DemoPortfolio.CANDIDATES).stream().map(ScoredPortfolio.Scored::vector).toList());
        for (DemoPortfolio.Kept k : night.lowest().subList(0, 20)) {
            double[] scores = whole.everyDay().stream().filter(s -> s.account().id().equals(k.scored().account().id()))
                    .mapToDouble(s -> s.vector().score()).toArray();
            assertThat(k.scores()).as(k.scored().account().id().value()).isEqualTo(scores);
        }

        assertThat(night.playbooks().plays()).isEqualTo(all.queue().size());
        assertThat(night.playbooks().queue()).isEqualTo(all.queue().subList(0, DemoReport.QUEUE_ROWS));
        Map<String, Long> inQueueOrder = new LinkedHashMap<>();
        all.queue().forEach(p -> inQueueOrder.merge(p.playbookId(), 1L, Long::sum));
        assertThat(new ArrayList<>(night.playbooks().byPlaybook().entrySet())).isEqualTo(new ArrayList<>(inQueueOrder.entrySet()));
        assertThat(night.playbooks().statuses()).isEqualTo(all.statuses());
        for (Play p : night.playbooks().queue()) {
            assertThat(night.playbooks().customers().get(p.accountId())).as(p.accountId().value())
                    .isEqualTo(whole.last().stream().filter(s -> s.account().id().equals(p.accountId())).findFirst().orElseThrow().account());
        }
        // Every generated account renews after the default as-of day: its outcome counts in its band on the day.
        Map<Band, long[]> outcomes = new LinkedHashMap<>();
        for (ScoredPortfolio.Scored s : whole.last()) {
            PortfolioSource.KnownOutcome o = DATA.member(DATA.index(s.account().id()), AS_OF).outcome().orElseThrow();
            long[] c = outcomes.computeIfAbsent(s.vector().band(), b -> new long[2]);
            c[0]++;
            c[1] += o.churned() ? 1 : 0;
        }
        assertThat(night.outcomes().counts().keySet()).containsExactlyInAnyOrderElementsOf(outcomes.keySet());
        outcomes.forEach((band, c) -> assertThat(night.outcomes().counts().get(band)).as(band.label()).containsExactly(c));
    }

    @Test
    void run_strategyWithoutBandScheme_scoresThroughTheRun_andTheRiskBandIsTheRiskiestSeen() {
        GeneratedSource data = GeneratedSource.of(120, 3, GeneratedSource.assembler(null));
        LocalDate asOf = LocalDate.of(2025, 12, 15);
        List<LocalDate> days = ScoredPortfolio.monthly(asOf, PortfolioCommand.MONTHS, data.first());
        PortfolioSource.Config config = data.defaultConfig("support-pressure").orElseThrow();
        Strategy pressure = new Strategy(ScoringStrategies.withBuiltIns().loadFromServiceLoader().create("support-pressure", config.json()),
                config.source(), config.json());
        assertThat(DemoReport.scheme(pressure)).as("no band scheme: the risk band is seen, not known").isEmpty();

        DemoPortfolio night = DemoNight.run(data, asOf, pressure, days, BuiltInPlaybooks.all(), null, null, 8, Progress.off());

        ScoredPortfolio whole = ScoredPortfolio.score(data, pressure, days, false, Progress.off());
        assertThat(night.distribution()).isEqualTo(whole.distribution());
        assertThat(night.accounts()).isEqualTo(whole.last().size()).isLessThan(120);
        assertThat(night.playbooks().plays())
                .isEqualTo(PlaybookRun.run(BuiltInPlaybooks.all(), data.assembler().schema(), whole, Progress.off()).queue().size());
        assertThat(night.dashboard().spec().riskBands())
                .isEqualTo(DemoDashboard.riskBands(DemoReport.overall(pressure, whole.distribution().segments()).keySet()));
    }

    @Test
    void run_playsAndBandsEqualADirectNightlyRun() {
        GeneratedSource data = GeneratedSource.of(300, 5, GeneratedSource.assembler(null));
        Strategy strategy = scorecard(data);
        LocalDate day = data.defaultAsOf();
        DemoPortfolio demo = DemoNight.run(data, day, strategy, List.of(day), BuiltInPlaybooks.all(), null, null, 8, Progress.off());

        // The same night, written directly against cs-run: every account is a customer the day before the first renewal.
        PortfolioGenerator generator = data.generator();
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            accounts.add(generator.account(i).accountOn(day).orElseThrow());
        }
        FeatureColumns facts = FeatureColumns.allocate(FeatureSchema.of(StandardFeatures.names()), accounts.size());
        ContractColumns.of(accounts.stream().mapToInt(a -> (int) a.contract().startDate().toEpochDay()).toArray(),
                accounts.stream().mapToInt(a -> (int) a.contract().renewalDate().toEpochDay()).toArray(),
                accounts.stream().mapToDouble(a -> a.contract().arr().amount().doubleValue()).toArray()).writeFeatures(day, facts, 0);
        PlanColumns.of(accounts).writeFeatures(day, facts, 0);
        List<Segment> segments = accounts.stream().map(Account::segment).distinct().toList();
        byte[] segmentCodes = new byte[accounts.size()];
        byte[] stages = new byte[accounts.size()];
        for (int r = 0; r < accounts.size(); r++) {
            segmentCodes[r] = (byte) segments.indexOf(accounts.get(r).segment());
            stages[r] = (byte) accounts.get(r).lifecycleStage().ordinal();
        }
        Instant asOf = ScoredPortfolio.startOf(day);
        AccountBatch batch = AccountBatch.builder(facts).asOf(asOf).accountIds(r -> accounts.get(r).id()).segments(segments, segmentCodes)
                .stages(stages).build();
        NightlyRun run = NightlyRun.builder().portfolio("direct").deriver(PortfolioGenerator.snapshotAssembler().deriver())
                .strategy(strategy.strategy()).playbooks(BuiltInPlaybooks.all()).build();
        List<String> labels = DemoNight.bands(strategy).stream().map(Band::label).toList();
        VectorColumns vectors = VectorColumns.allocate(accounts.size(), labels);
        ConcurrentLinkedQueue<Play> plays = new ConcurrentLinkedQueue<>();
        run.run(batch, SignalSource.of(accounts.size(), (from, to) -> generator.signalColumns(from, to, asOf, Duration.ofDays(180))),
                ScoreHistoryColumns.empty(accounts.size()), NightlyState.empty("direct"), h -> plays.add(h.play()), vectors);

        List<Play> direct = new ArrayList<>(plays);
        direct.sort(PlaybookRun.QUEUE_ORDER);
        assertThat(direct).hasSizeLessThan(DemoReport.QUEUE_ROWS).isNotEmpty();
        assertThat(demo.playbooks().queue()).isEqualTo(direct);
        assertThat(demo.playbooks().plays()).isEqualTo(direct.size());
        Map<Band, Long> directBands = new LinkedHashMap<>();
        for (int r = 0; r < accounts.size(); r++) {
            directBands.merge(DemoNight.bands(strategy).get(vectors.bandCodes()[r]), 1L, Long::sum);
        }
        assertThat(DemoReport.overall(strategy, demo.distribution().segments())).containsExactlyInAnyOrderEntriesOf(directBands);
        for (DemoPortfolio.Kept k : demo.lowest()) {
            int r = data.index(k.scored().account().id());
            assertThat(k.scored().vector().band().label()).as(k.scored().account().id().value()).isEqualTo(vectors.band(r));
            assertThat(k.scored().vector().score()).isEqualTo(vectors.scores()[r]);
        }
    }

    @Test
    void run_strategyWithoutBandScheme_givingAnotherBand_isRefusedNamingIt() {
        GeneratedSource data = GeneratedSource.of(50, 3, GeneratedSource.assembler(null));
        Strategy amber = new Strategy(new Amber(), "--strategy-config", "{}");

        assertThatThrownBy(() -> DemoNight.run(data, data.defaultAsOf(), amber, List.of(data.defaultAsOf()), BuiltInPlaybooks.all(), null, null, 8,
                Progress.off()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("--strategy amber-only: ")
                .hasMessageContaining("band 'amber', which is not among into's bands [red, yellow, green]")
                .hasMessageContaining("a strategy without a band scheme must give red, yellow or green");
    }

    /** A plug-in without a band scheme that calls every account amber. */
    private static final class Amber implements ScoringStrategy {
        @Override
        public String name() {
            return "amber-only";
        }

        @Override
        public Object config() {
            return Map.of();
        }

        @Override
        public SuccessVector score(AccountSnapshot snapshot) {
            return SuccessVector.builder().accountId(snapshot.accountId()).asOf(snapshot.asOf()).score(50).band(Band.of("amber", 1))
                    .direction(Direction.FLAT).velocity(0).coverage(1)
                    .addContributions(Contribution.builder().input("all").group("all").points(50).weight(1).build())
                    .scorecardId(ScorecardId.of("amber")).scorecardVersion(1).build();
        }
    }
}
