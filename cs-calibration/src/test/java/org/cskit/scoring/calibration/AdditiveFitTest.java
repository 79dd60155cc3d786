package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cskit.scoring.calibration.TrainingSetTest.assertViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cskit.model.MetricDirection;
import org.cskit.model.json.CsJson;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardInput;
import org.junit.jupiter.api.Test;

class AdditiveFitTest {
    private static final FitOptions ADDITIVE = FitOptions.builder().method(FitOptions.Method.ADDITIVE).bags(4).build();

    /**
     * {@code n} rows: age with a U-shaped effect, a and b whose churn effect is their product
     * (no main effect: only a pair can find it), plan (a category), noise, 5% of age missing.
     */
    static TrainingSet curved(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] age = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        double[] noise = new double[n];
        String[] plan = new String[n];
        boolean[] churned = new boolean[n];
        for (int i = 0; i < n; i++) {
            age[i] = Math.floor(random.nextDouble() * 60);
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian();
            noise[i] = random.nextGaussian();
            plan[i] = random.nextBoolean() ? "monthly" : "annual";
            double logit = -1 + 0.004 * (age[i] - 30) * (age[i] - 30) - 1.5 + 1.5 * a[i] * b[i] + (plan[i].equals("monthly") ? 0.8 : 0);
            churned[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            if (random.nextInt(20) == 0) {
                age[i] = Double.NaN;
            }
        }
        return TrainingSet.builder().numeric("age", age).numeric("a", a).numeric("b", b).numeric("noise", noise).categorical("plan", plan)
                .outcomes(churned).build();
    }

    private static final TrainingSet TRAIN = curved(3, 4000);
    private static final TrainingSet TEST = curved(4, 2000);
    private static final FittedScorecard FITTED = ScorecardFitter.of(ADDITIVE).fit(TRAIN);

    @Test
    void fit_scoreIsAnAffineMapOfTheModelsLogit_onRowsItNeverSaw() {
        double[] scores = FITTED.scores(TEST);

        for (int r = 0; r < TEST.size(); r++) {
            double logit = FITTED.logit(TEST, r);
            assertThat(scores[r]).as("row %d", r).isCloseTo(100 * (FITTED.logitAtZero() - logit) / FITTED.logitSpan(), within(1e-9));
        }
    }

    @Test
    void fit_findsTheProductAsAnInteraction_andBeatsTheLinearFit() {
        assertThat(FITTED.interactions()).isNotEmpty();
        assertThat(FITTED.interactions().get(0).name()).isEqualTo("a x b");
        assertThat(FITTED.method()).isEqualTo(FitOptions.Method.ADDITIVE);
        Evaluation additive = FITTED.evaluate(TEST, 200, 1);
        Evaluation linear = ScorecardFitter.ofDefaults().fit(TRAIN).evaluate(TEST, 200, 1);

        assertThat(additive.auc()).as("additive %s vs linear %s", additive.auc(), linear.auc()).isGreaterThan(linear.auc() + 0.05);
        ScorecardInput pair = input(FITTED.scorecard(), "a x b");
        assertThat(pair.normalizer()).isInstanceOf(Normalizer.Grid.class);
        assertThat(pair.crossFeature()).contains("b");
    }

    @Test
    void fit_uShapedInput_becomesStepsThatFallThenRise() {
        ScorecardInput age = input(FITTED.scorecard(), "age");
        assertThat(age.normalizer()).isInstanceOf(Normalizer.Steps.class);

        // goodness (safety) is highest in the middle and lower at both ends
        assertThat(age.goodness(30)).isGreaterThan(age.goodness(2)).isGreaterThan(0.0);
        assertThat(age.goodness(30)).isGreaterThan(age.goodness(58));
    }

    @Test
    void fit_categoricalInput_isTiersRiskiestFirst() {
        ScorecardInput plan = input(FITTED.scorecard(), "plan");

        assertThat(plan.categories()).containsExactly("monthly", "annual");
        assertThat(plan.normalizer()).isInstanceOf(Normalizer.Tiers.class);
    }

    @Test
    void fit_isDeterministic_andTheScorecardRoundTripsThroughJson() {
        FittedScorecard again = ScorecardFitter.of(ADDITIVE).fit(TRAIN);
        CsJson json = CsJson.create();

        assertThat(json.write(again.scorecard())).isEqualTo(json.write(FITTED.scorecard()));
        Scorecard read = json.read(json.write(FITTED.scorecard()), Scorecard.class);
        assertThat(read).isEqualTo(FITTED.scorecard());
    }

    @Test
    void fit_monotoneConstraint_keepsTheShapeMonotone_andOutOfInteractions() {
        FittedScorecard fitted = ScorecardFitter.of(FitOptions.builder().from(ADDITIVE).putMonotone("age", MetricDirection.HIGHER_IS_BETTER)
                .build()).fit(TRAIN);

        FittedScorecard.FittedInput age = fitted.inputs().stream().filter(i -> i.name().equals("age")).findFirst().orElseThrow();
        List<Double> risk = new ArrayList<>();
        age.bins().stream().filter(b -> !b.label().equals("missing")).forEach(b -> risk.add(b.woe()));
        for (int i = 1; i < risk.size(); i++) {
            assertThat(risk.get(i)).as("bin %d", i).isLessThanOrEqualTo(risk.get(i - 1) + 1e-12);
        }
        assertThat(input(fitted.scorecard(), "age").goodness(59)).isGreaterThanOrEqualTo(input(fitted.scorecard(), "age").goodness(0));
        assertThat(fitted.interactions()).noneMatch(i -> i.first().equals("age") || i.second().equals("age"));
    }

    @Test
    void fit_noInteractionsAsked_writesNoGrid() {
        FittedScorecard fitted = ScorecardFitter.of(FitOptions.builder().from(ADDITIVE).interactions(0).build()).fit(TRAIN);

        assertThat(fitted.interactions()).isEmpty();
        assertThat(fitted.scorecard().groups()).noneMatch(g -> g.name().equals("interactions"));
    }

    @Test
    void fit_pureNoise_showsNoLift() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 600;
        double[] x = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
            y[i] = random.nextInt(4) == 0;
        }
        TrainingSet all = TrainingSet.builder().numeric("x", x).outcomes(y).build();
        Splits.Split split = Splits.holdout(y, 0.3, 1);

        Evaluation e = ScorecardFitter.of(ADDITIVE).fit(all.subset(split.train())).evaluate(all.subset(split.test()), 500, 1);
        assertThat(e.hasLift()).as("%s", e).isFalse();
    }

    @Test
    void fit_monotoneOnACategory_orAnUnknownColumn_isRefused() {
        assertViolation(() -> ScorecardFitter.of(FitOptions.builder().from(ADDITIVE).putMonotone("plan", MetricDirection.HIGHER_IS_BETTER)
                .build()).fit(TRAIN), "monotone.plan",
                "monotone names column 'plan', which is categorical; a monotone constraint needs numbers in order");
        assertViolation(() -> ScorecardFitter.of(FitOptions.builder().from(ADDITIVE).putMonotone("tenure", MetricDirection.HIGHER_IS_BETTER)
                .build()).fit(TRAIN), "monotone.tenure", "monotone names column 'tenure', which the training set does not have");
    }

    @Test
    void options_outOfRange_nameTheFieldAndValue() {
        assertViolation(() -> FitOptions.builder().learningRate(0).build(), "learningRate", "learningRate must be in (0, 1], but was 0.0");
        assertViolation(() -> FitOptions.builder().bags(0).build(), "bags", "bags must be in [1, 64], but was 0");
        assertViolation(() -> FitOptions.builder().interactions(101).build(), "interactions", "interactions must be in [0, 100], but was 101");
        assertViolation(() -> FitOptions.builder().additiveBins(1).build(), "additiveBins", "additiveBins must be in [2, 255], but was 1");
        assertViolation(() -> FitOptions.builder().validationShare(0.6).build(), "validationShare",
                "validationShare must be in (0, 0.5], but was 0.6");
    }

    @Test
    void cut_isTheShortestNumberBetweenNeighbours() {
        assertThat(AdditiveFit.cut(323.25, 323.35)).isEqualTo(323.3);
        assertThat(AdditiveFit.cut(247.8, 247.85)).isEqualTo(247.82);
        assertThat(AdditiveFit.cut(5600, 5661)).isEqualTo(5630);
        assertThat(AdditiveFit.cut(1, 2)).isEqualTo(2);
        assertThat(AdditiveFit.cut(0.1, 0.1 + 1e-12)).isGreaterThan(0.1).isLessThanOrEqualTo(0.1 + 1e-12);
        assertThat(AdditiveFit.cut(-3, -1)).isEqualTo(-2);
    }

    private static ScorecardInput input(Scorecard card, String name) {
        return card.groups().stream().flatMap(g -> g.inputs().stream()).filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }
}
