package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cskit.scoring.calibration.TrainingSetTest.assertViolation;

import java.util.List;
import java.util.SplittableRandom;
import org.cskit.scoring.BandScheme;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    // the scikit-learn roc_auc_score example: AUC 0.75, average precision 0.8333
    private static final double[] RISK = {0.1, 0.4, 0.35, 0.8};
    private static final boolean[] Y = {false, false, true, true};

    @Test
    void auc_tinyRanking_handComputed() {
        Evaluation e = Evaluation.builder().risks(RISK).outcomes(Y).probabilities(RISK).resamples(0).build();

        // pairs (churned, renewed): (0.35 > 0.1) yes, (0.35 > 0.4) no, (0.8 > both) yes yes: 3 of 4
        assertThat(e.auc()).isEqualTo(0.75);
        // riskiest first: 0.8 churned (precision 1), 0.4 renewed, 0.35 churned (precision 2/3): AP = (1 + 2/3) / 2
        assertThat(e.prAuc()).isCloseTo(5.0 / 6, within(1e-12));
        // (0.01 + 0.16 + 0.4225 + 0.04) / 4
        assertThat(e.brier()).hasValueCloseTo(0.158125, within(1e-12));
        assertThat(e.aucLow()).isEqualTo(0.75);
        assertThat(e.aucHigh()).isEqualTo(0.75);
    }

    @Test
    void auc_ties_countHalf() {
        Evaluation e = Evaluation.builder().risks(new double[] {1, 1, 0}).outcomes(new boolean[] {true, false, false}).resamples(0).build();

        // churned vs renewed tie: 0.5; churned vs lower renewed: 1 -> 0.75
        assertThat(e.auc()).isEqualTo(0.75);
    }

    @Test
    void scores_areHealthNotRisk() {
        double[] scores = {90, 60, 65, 20};
        Evaluation e = Evaluation.builder().scores(scores).outcomes(Y).resamples(0).build();

        assertThat(e.auc()).isEqualTo(0.75);
        assertThat(e.brier()).isEmpty();
    }

    @Test
    void topDecileLift_handComputed() {
        // 10 rows, 3 churned; the riskiest row (ceil(10/10) = 1) churned: lift = 1 / 0.3
        double[] risk = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        boolean[] y = {true, false, false, true, false, false, false, true, false, false};

        Evaluation e = Evaluation.builder().risks(risk).outcomes(y).resamples(0).build();

        assertThat(e.topDecileLift()).isCloseTo(1 / 0.3, within(1e-12));
    }

    @Test
    void bands_churnRatePerBand() {
        double[] scores = {10, 30, 50, 60, 80, 95};
        boolean[] y = {true, true, false, true, false, false};

        Evaluation e = Evaluation.builder().scores(scores).outcomes(y).bands(BandScheme.redYellowGreen()).resamples(0).build();

        assertThat(e.bands()).containsExactly(new Evaluation.BandRate("red", 2, 2), new Evaluation.BandRate("yellow", 2, 1),
                new Evaluation.BandRate("green", 2, 0));
        assertThat(e.bands().get(1).rate()).isEqualTo(0.5);
    }

    @Test
    void roc_runsFromOriginToOne() {
        Evaluation e = Evaluation.builder().risks(RISK).outcomes(Y).resamples(0).build();

        assertThat(e.roc()).containsExactly(new Evaluation.RocPoint(0, 0), new Evaluation.RocPoint(0, 0.5), new Evaluation.RocPoint(0.5, 0.5),
                new Evaluation.RocPoint(0.5, 1), new Evaluation.RocPoint(1, 1));
    }

    @Test
    void hasLift_noSignal_saysSo() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 150;
        double[] risk = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            risk[i] = random.nextDouble();
            y[i] = random.nextDouble() < 0.25;
        }

        Evaluation e = Evaluation.builder().risks(risk).outcomes(y).seed(1).build();

        assertThat(e.aucLow()).isLessThan(0.5);
        assertThat(e.aucHigh()).isGreaterThan(0.5);
        assertThat(e.hasLift()).isFalse();
        assertThat(e.verdict()).startsWith("No lift: the AUC's 95% interval [");
    }

    @Test
    void hasLift_strongSignal() {
        int n = 200;
        double[] risk = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            risk[i] = i;
            y[i] = i % 3 == 0 ? i > 60 : i > 140;
        }

        Evaluation e = Evaluation.builder().risks(risk).outcomes(y).build();

        assertThat(e.hasLift()).isTrue();
        assertThat(e.aucLow()).isLessThanOrEqualTo(e.auc());
        assertThat(e.aucHigh()).isGreaterThanOrEqualTo(e.auc());
        assertThat(e.verdict()).startsWith("The score ranks churners better than chance");
    }

    @Test
    void build_lengthMismatch_fails() {
        assertViolation(() -> Evaluation.builder().risks(RISK).outcomes(new boolean[] {true, false}).build(), "outcomes",
                "there are 4 scores but 2 outcomes");
    }

    @Test
    void build_oneClass_fails() {
        assertViolation(() -> Evaluation.builder().risks(RISK).outcomes(new boolean[4]).build(), "outcomes",
                "an evaluation needs churned and renewed rows, but all 4 rows renewed");
    }

    @Test
    void build_noScores_fails() {
        assertViolation(() -> Evaluation.builder().outcomes(Y).build(), "scores", "an evaluation needs scores or risks, but got neither");
    }

    @Test
    void build_probabilityOutOfRange_fails() {
        assertViolation(() -> Evaluation.builder().probabilities(new double[] {0.5, 1.2}), "probabilities[1]",
                "probabilities[1] must be in [0, 1], but was 1.2");
    }

    @Test
    void build_negativeResamples_fails() {
        assertViolation(() -> Evaluation.builder().resamples(-1), "resamples", "resamples must be at least 0, but was -1");
    }

    @Test
    void of_handMadeScorecard_scoresThroughTheStrategy() {
        var card = org.cskit.scoring.Scorecard.builder().id(org.cskit.model.ScorecardId.of("test-card"))
                .addGroups(org.cskit.scoring.ScorecardGroup.of("usage", 1, org.cskit.scoring.ScorecardInput.builder().name("logins_14d")
                        .weight(1).normalizer(new org.cskit.scoring.Normalizer.Linear(0, 100)).build()))
                .build();
        var schema = org.cskit.model.FeatureSchema.of("logins_14d");
        List<org.cskit.model.AccountSnapshot> snaps = List.of(
                snapshot(org.cskit.model.Features.builder(schema).set("logins_14d", 90, 1).build()),
                snapshot(org.cskit.model.Features.builder(schema).set("logins_14d", 10, 1).build()));

        Evaluation e = Evaluation.of(card, snaps, new boolean[] {false, true}, 100, 1);

        assertThat(e.auc()).isEqualTo(1.0);
        assertThat(e.bands()).hasSize(3);
    }

    private static org.cskit.model.AccountSnapshot snapshot(org.cskit.model.Features features) {
        return org.cskit.model.AccountSnapshot.builder().accountId(org.cskit.model.AccountId.of("acme"))
                .asOf(java.time.Instant.parse("2026-05-10T00:00:00Z"))
                .segment(org.cskit.model.Segment.of("enterprise", org.cskit.model.EngagementModel.HIGH_TOUCH))
                .lifecycleStage(org.cskit.model.LifecycleStage.ADOPTION).features(features).build();
    }
}
