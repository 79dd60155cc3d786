package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.AccountId;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Play;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.WeightedScorecard;
import org.junit.jupiter.api.Test;

/**
 * The demo's one pass, a batch at a time, keeps what the whole portfolio held as objects gives: the
 * same counts, the same lowest and highest accounts, the same first plays of the queue. 1,500
 * generated accounts make about 2,900 plays, more than the {@value DemoReport#QUEUE_ROWS} the pass
 * keeps, and two batches of scoring.
 */
class DemoPortfolioTest {
    private static final GeneratedSource DATA = GeneratedSource.of(1500, 11, GeneratedSource.assembler(null));
    private static final LocalDate AS_OF = DATA.defaultAsOf();
    private static final List<LocalDate> DAYS = ScoredPortfolio.monthly(AS_OF, PortfolioCommand.MONTHS, DATA.first());
    private static final Strategy STRATEGY = strategy();

    private static Strategy strategy() {
        PortfolioSource.Config config = DATA.defaultConfig(WeightedScorecard.NAME).orElseThrow();
        return new Strategy(ScoringStrategies.withBuiltIns().create(WeightedScorecard.NAME, config.json()), config.source(), config.json());
    }

    @Test
    void run_keepsWhatTheWholePortfolioGives() {
        DemoPortfolio pass = DemoPortfolio.run(DATA, AS_OF, STRATEGY, DAYS, BuiltInPlaybooks.all(), null, 8, Progress.off());
        ScoredPortfolio whole = ScoredPortfolio.score(DATA, STRATEGY, DAYS, false, Progress.off());
        PlaybookRun all = PlaybookRun.run(BuiltInPlaybooks.all(), DATA.assembler().schema(), whole, Progress.off());

        assertThat(pass.accounts()).isEqualTo(whole.last().size()).isEqualTo(1500);
        assertThat(pass.signals()).isEqualTo(whole.signals());
        assertThat(pass.distribution()).isEqualTo(whole.distribution());
        List<ScoredPortfolio.Scored> byScore = new ArrayList<>(whole.last());
        byScore.sort(DemoPortfolio.BY_SCORE);
        assertThat(ids(pass.lowest())).isEqualTo(byScore.subList(0, DemoPortfolio.CANDIDATES).stream().map(s -> s.account().id()).toList());
        assertThat(ids(pass.mostAtRisk(8))).isEqualTo(ids(pass.lowest()).subList(0, 8));
        List<ScoredPortfolio.Scored> healthiest = new ArrayList<>(byScore);
        Collections.reverse(healthiest);
        assertThat(ids(pass.highest())).isEqualTo(healthiest.subList(0, DemoPortfolio.CANDIDATES).stream().map(s -> s.account().id()).toList());

        assertThat(all.queue()).hasSizeGreaterThan(DemoReport.QUEUE_ROWS);
        assertThat(pass.playbooks().plays()).isEqualTo(all.queue().size());
        assertThat(pass.playbooks().queue()).isEqualTo(all.queue().subList(0, DemoReport.QUEUE_ROWS));
        Map<String, Long> inQueueOrder = new LinkedHashMap<>();
        all.queue().forEach(p -> inQueueOrder.merge(p.playbookId(), 1L, Long::sum));
        assertThat(new ArrayList<>(pass.playbooks().byPlaybook().entrySet())).isEqualTo(new ArrayList<>(inQueueOrder.entrySet()));
        assertThat(pass.playbooks().statuses()).isEqualTo(all.statuses());
        assertThat(pass.playbooks().suppressed()).isEqualTo(all.suppressed());
        for (Play p : pass.playbooks().queue()) {
            assertThat(pass.playbooks().customers().get(p.accountId()).name()).as(p.accountId().value())
                    .isEqualTo(whole.last().stream().filter(s -> s.account().id().equals(p.accountId())).findFirst().orElseThrow()
                            .account().name());
        }

        // Every generated account renews after the default as-of day.
        assertThat(pass.outcomes().counts().values().stream().mapToLong(c -> c[0]).sum()).isEqualTo(1500);
    }

    @Test
    void run_strategyWithoutBandScheme_makesTheDashboardWithTheRiskBandSeen() {
        GeneratedSource data = GeneratedSource.of(120, 3, GeneratedSource.assembler(null));
        LocalDate asOf = LocalDate.of(2025, 12, 15);
        List<LocalDate> days = ScoredPortfolio.monthly(asOf, PortfolioCommand.MONTHS, data.first());
        PortfolioSource.Config config = data.defaultConfig("support-pressure").orElseThrow();
        Strategy pressure = new Strategy(ScoringStrategies.withBuiltIns().loadFromServiceLoader().create("support-pressure", config.json()),
                config.source(), config.json());
        assertThat(DemoReport.scheme(pressure)).as("no band scheme: the risk band is seen, not known").isEmpty();

        DemoPortfolio pass = DemoPortfolio.run(data, asOf, pressure, days, BuiltInPlaybooks.all(), null, 8, Progress.off());

        java.util.Set<String> risk = DemoDashboard.riskBands(DemoReport.overall(pressure, pass.distribution().segments()).keySet());
        int[] plays = new int[data.size()];
        PlaybookRun all = PlaybookRun.run(BuiltInPlaybooks.all(), data.assembler().schema(),
                ScoredPortfolio.score(data, pressure, days, false, Progress.off()), Progress.off());
        List<AccountId> ids = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            ids.add(data.member(i, asOf).on(data.first()).orElseThrow().id());
        }
        all.queue().forEach(p -> plays[ids.indexOf(p.accountId())]++);
        List<ScoredPortfolio.Visit> visits = new ArrayList<>();
        ScoredPortfolio.each(data, pressure, days, true, Progress.off(), visits::addAll);
        org.cskit.scoring.portfolio.Dashboard.Spec spec = DemoDashboard.spec(data, asOf, risk);
        org.cskit.scoring.portfolio.Dashboard expected = org.cskit.scoring.portfolio.Dashboard.of(spec, visits.stream()
                .map(v -> DemoDashboard.entry(data, v, spec, risk, plays[v.index()])).flatMap(java.util.Optional::stream));
        assertThat(pass.dashboard()).isEqualTo(expected);
    }

    private static List<AccountId> ids(List<DemoPortfolio.Kept> kept) {
        return kept.stream().map(k -> k.scored().account().id()).toList();
    }
}
