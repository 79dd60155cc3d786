package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cskit.scoring.calibration.TrainingSetTest.assertViolation;

import java.util.List;
import java.util.Map;
import org.cskit.model.MetricDirection;
import org.cskit.model.json.CsJson;
import org.cskit.model.MissingDataPolicy;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardInput;
import org.junit.jupiter.api.Test;

class ScorecardFitterTest {
    private static final TrainingSet DATA = Synthetic.set(11, 3000);
    private static final FittedScorecard FITTED = ScorecardFitter.ofDefaults().fit(DATA);

    @Test
    void fit_scoreIsAnAffineMapOfTheLogit_soItRanksExactlyLikeTheRegression() {
        double[] scores = FITTED.scores(DATA);
        double c = FITTED.logitAtZero();
        double s = FITTED.logitSpan();

        for (int r = 0; r < DATA.size(); r++) {
            double logit = FITTED.logit(DATA, r);
            // the scorecard (through WeightedScorecard) gives 100 * (C - logit) / S
            assertThat(scores[r]).as("row %d", r).isCloseTo(100 * (c - logit) / s, within(1e-9));
        }
        // hence the same ranking: the AUC of the score equals the AUC of the logit
        Evaluation byScore = Evaluation.builder().scores(scores).outcomes(DATA.outcomes()).resamples(0).build();
        double[] logits = new double[DATA.size()];
        for (int r = 0; r < logits.length; r++) {
            logits[r] = FITTED.logit(DATA, r);
        }
        Evaluation byLogit = Evaluation.builder().risks(logits).outcomes(DATA.outcomes()).resamples(0).build();
        assertThat(byScore.auc()).isCloseTo(byLogit.auc(), within(1e-9));
    }

    @Test
    void fit_findsTheSignalAndLeavesTheNoiseOut() {
        Map<String, FittedScorecard.FittedInput> inputs = new java.util.HashMap<>();
        FITTED.inputs().forEach(i -> inputs.put(i.name(), i));

        assertThat(inputs.get("usage").used()).isTrue();
        assertThat(inputs.get("plan").used()).isTrue();
        assertThat(inputs.get("noise").used()).isFalse();
        assertThat(inputs.get("usage").weight()).isGreaterThan(inputs.get("tickets").weight());
        ScorecardInput usage = input(FITTED.scorecard(), "usage");
        assertThat(usage.direction()).isEqualTo(MetricDirection.HIGHER_IS_BETTER);
        assertThat(usage.normalizer()).isInstanceOf(Normalizer.Tiers.class);
        assertThat(usage.missing()).isEqualTo(MissingDataPolicy.FIXED);
        // plan: riskiest category first, so goodness rises with the index
        assertThat(input(FITTED.scorecard(), "plan").categories()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void fit_ranksHeldOutRowsWell() {
        TrainingSet test = Synthetic.set(12, 2000);

        Evaluation e = FITTED.evaluate(test, 200, 1);

        assertThat(e.auc()).isGreaterThan(0.8);
        assertThat(e.hasLift()).isTrue();
        assertThat(e.brier()).isPresent();
        assertThat(e.bands().get(0).rate()).isGreaterThan(e.bands().get(2).rate());
    }

    @Test
    void fit_bandsHoldTheConfiguredSharesOfTrainingRows() {
        Evaluation e = FITTED.evaluate(DATA, 0, 1);

        assertThat(e.bands()).extracting(Evaluation.BandRate::label).containsExactly("red", "yellow", "green");
        assertThat(e.bands().get(0).rows() / (double) DATA.size()).isCloseTo(0.2, within(0.05));
        assertThat(e.bands().get(2).rows() / (double) DATA.size()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void fit_jsonRoundTripsAsAnOrdinaryScorecard() {
        CsJson json = CsJson.create();
        String text = json.write(FITTED.scorecard());

        Scorecard back = json.read(text, Scorecard.class);

        assertThat(back).isEqualTo(FITTED.scorecard());
        assertThat(json.write(back)).isEqualTo(text);
    }

    @Test
    void fit_unknownCategory_countsAsMissing() {
        TrainingSet other = TrainingSet.builder().numeric("usage", new double[] {50, 50, 60})
                .categorical("plan", new String[] {"zzz", null, "a"}).numeric("tickets", new double[] {1, 1, 2})
                .numeric("noise", new double[] {0, 0, 1}).outcomes(new boolean[] {true, false, false}).build();

        assertThat(FITTED.features(other, 0).isPresentAt(FITTED.schema().indexOf("plan"))).isFalse();
        assertThat(FITTED.logit(other, 0)).isEqualTo(FITTED.logit(other, 1));
        assertThat(FITTED.scores(other)[0]).isEqualTo(FITTED.scores(other)[1]);
    }

    @Test
    void features_columnOfAnotherKind_fails() {
        TrainingSet other = TrainingSet.builder().numeric("usage", new double[] {50, 60}).numeric("plan", new double[] {1, 2})
                .numeric("tickets", new double[] {1, 2}).numeric("noise", new double[] {0, 1}).outcomes(new boolean[] {true, false}).build();

        assertViolation(() -> FITTED.features(other, 0), "columns", "column 'plan' is numeric, but the fitted scorecard reads it as categorical");
    }

    @Test
    void features_missingColumn_fails() {
        TrainingSet other = TrainingSet.builder().numeric("usage", new double[] {50, 60}).outcomes(new boolean[] {true, false}).build();

        assertViolation(() -> FITTED.scores(other), "columns", "the rows have no column 'plan', which the fitted scorecard reads");
    }

    @Test
    void fit_sameRowsSameScorecard() {
        String again = CsJson.create().write(ScorecardFitter.ofDefaults().fit(DATA).scorecard());

        assertThat(again).isEqualTo(CsJson.create().write(FITTED.scorecard()));
    }

    @Test
    void fit_groupsOption_putsInputsInNamedGroups() {
        FittedScorecard f = ScorecardFitter.of(FitOptions.builder().putGroups("usage", "usage").putGroups("tickets", "support").build()).fit(DATA);

        assertThat(f.scorecard().groups()).extracting(g -> g.name()).containsExactlyInAnyOrder("usage", "fitted", "support");
        double[] a = f.scores(DATA);
        double[] b = FITTED.scores(DATA);
        for (int r = 0; r < a.length; r++) {
            assertThat(a[r]).isCloseTo(b[r], within(1e-9));
        }
    }

    @Test
    void naive_weighsEveryUsableInputEqually() {
        assertThat(FITTED.naive().groups()).hasSize(1);
        assertThat(FITTED.naive().groups().get(0).inputs()).extracting(ScorecardInput::weight).containsOnly(1.0);
        assertThat(FITTED.naive().groups().get(0).inputs()).extracting(ScorecardInput::name).contains("usage", "plan");
    }

    @Test
    void fit_nothingSplits_fails() {
        TrainingSet flat = TrainingSet.builder().numeric("x", new double[] {1, 1, 1, 2}).outcomes(new boolean[] {true, false, false, false})
                .build();

        assertViolation(() -> ScorecardFitter.of(FitOptions.builder().minBinShare(0.5).build()).fit(flat), "columns",
                "no column of the 1 splits the rows into bins of different churn rate; nothing to fit");
    }

    @Test
    void options_rules() {
        assertViolation(() -> FitOptions.builder().maxBins(30).build(), "maxBins", "maxBins must be at most initialBins 20, but was 30");
        assertViolation(() -> FitOptions.builder().minBinShare(0).build(), "minBinShare", "minBinShare must be in (0, 0.5], but was 0.0");
        assertViolation(() -> FitOptions.builder().l2(-1).build(), "l2", "l2 must not be negative, but was -1.0");
        assertViolation(() -> FitOptions.builder().bandShares(List.of(0.5, 0.5)).build(), "bandShares",
                "bandShares needs one share per band label (3), but has 2");
        assertViolation(() -> FitOptions.builder().bandShares(List.of(0.2, 0.3, 0.4)).build(), "bandShares",
                "bandShares must add up to 1, but add up to 0.9");
        assertViolation(() -> FitOptions.builder().bandShares(List.of(0.0, 0.5, 0.5)).build(), "bandShares[0]",
                "bandShares[0] must be in (0, 1), but was 0.0");
    }

    private static ScorecardInput input(Scorecard card, String name) {
        return card.groups().stream().flatMap(g -> g.inputs().stream()).filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }
}
