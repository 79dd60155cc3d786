package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.cskit.model.json.CsJson;

class FitterProperties {

    @Property(tries = 15)
    void fit_isDeterministic_andRanksLikeItsRegression(@ForAll long seed, @ForAll @IntRange(min = 60, max = 400) int rows) {
        TrainingSet data = Synthetic.set(seed, rows);

        FittedScorecard a = ScorecardFitter.ofDefaults().fit(data);
        FittedScorecard b = ScorecardFitter.ofDefaults().fit(data);

        assertThat(CsJson.create().write(a.scorecard())).isEqualTo(CsJson.create().write(b.scorecard()));
        double[] scores = a.scores(data);
        for (int r = 0; r < rows; r++) {
            assertThat(scores[r]).isBetween(0.0, 100.0);
            assertThat(scores[r]).isCloseTo(100 * (a.logitAtZero() - a.logit(data, r)) / a.logitSpan(), within(1e-8));
        }
    }

    @Property(tries = 10)
    void holdout_isDeterministicForASeed(@ForAll long seed) {
        TrainingSet data = Synthetic.set(seed, 300);
        Splits.Split s = Splits.holdout(data.outcomes(), 0.25, seed);

        Evaluation a = ScorecardFitter.ofDefaults().fit(data.subset(s.train())).evaluate(data.subset(s.test()), 100, seed);
        Evaluation b = ScorecardFitter.ofDefaults().fit(data.subset(s.train())).evaluate(data.subset(s.test()), 100, seed);

        assertThat(a.aucText()).isEqualTo(b.aucText());
    }
}
