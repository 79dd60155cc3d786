package org.cskit.benchmarks.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cskit.playbooks.engine.PlaybookInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gate: on 10,000 accounts every engine (and every Drools mode) fires exactly the same set of
 * (account, rule) plays, for the dense and the sparse portfolio; a second pass over the same
 * accounts at the same time fires nothing anywhere (cskit: the play is open; peers: cooldown).
 */
class EnginesAgreeTest {
    private static final int ACCOUNTS = 10_000;
    private static final int BATCH = 2_500;

    @ParameterizedTest
    @ValueSource(strings = {"dense", "sparse"})
    void everyEngineFiresTheSamePlays(String fireRate) {
        Portfolio portfolio = Portfolio.generate(ACCOUNTS, fireRate, 42);
        PlaybookInput[] inputs = portfolio.inputs();
        Map<String, long[]> plays = new LinkedHashMap<>();
        for (String name : Engines.NAMES) {
            Firings firings = new Firings(true);
            Engine engine = Engines.create(name, portfolio, inputs, BATCH, firings, true);
            for (int from = 0; from < ACCOUNTS; from += BATCH) {
                engine.reset(from);
                engine.evaluate(from, from + BATCH);
                long before = firings.count();
                engine.evaluate(from, from + BATCH);
                assertThat(firings.count()).as("%s: second pass at the same time", name).isEqualTo(before);
            }
            plays.put(name, firings.sorted());
        }
        long[] floor = plays.get("handWritten");
        double perAccount = floor.length / (double) ACCOUNTS;
        System.out.printf("%s: %.2f plays per account%n", fireRate, perAccount);
        if (fireRate.equals("dense")) {
            assertThat(perAccount).as("plays per account").isBetween(6.0, 8.0);
            for (int r = 0; r < RuleSet.RULES; r++) {
                int rule = r;
                assertThat(java.util.Arrays.stream(floor).filter(k -> k % 64 == rule).count()).as("rule %s fires", RuleSet.id(r))
                        .isPositive();
            }
        } else {
            assertThat(floor).isEmpty();
        }
        plays.forEach((name, fired) -> assertThat(fired).as("%s fires the same plays as handWritten", name).isEqualTo(floor));
    }

    @org.junit.jupiter.api.Test
    void theEventPathFiresTheSamePlays() {
        Portfolio portfolio = Portfolio.generate(ACCOUNTS, "dense", 7);
        PlaybookInput[] inputs = portfolio.inputs();
        Map<String, long[]> plays = new LinkedHashMap<>();
        for (String mode : EventPath.MODES) {
            Firings firings = new Firings(true);
            Engine engine = new EventPath(mode, portfolio, inputs, BATCH, firings, true);
            for (int from = 0; from < ACCOUNTS; from += BATCH) {
                engine.reset(from);
                engine.evaluate(from, from + BATCH);
                long before = firings.count();
                engine.evaluate(from, from + BATCH);
                assertThat(firings.count()).as("%s: the same event again", mode).isEqualTo(before);
            }
            plays.put(mode, firings.sorted());
        }
        assertThat(plays.get("handWritten")).isNotEmpty();
        assertThat(java.util.Arrays.stream(plays.get("handWritten")).allMatch(k -> k % 64 >= RuleSet.RULES)).isTrue();
        assertThat(plays.get("cskit")).isEqualTo(plays.get("handWritten"));
        assertThat(plays.get("cskitEvaluate")).isEqualTo(plays.get("handWrittenEvaluate"));
        System.out.printf("events: %.2f plays per event (event rules only)%n", plays.get("cskit").length / (double) ACCOUNTS);
    }
}
