package org.cskit.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.cskit.scoring.calibration.Backtest;
import org.junit.jupiter.api.Test;

/** The backtest on RavenStack's dated tables: it runs end to end, and, the data carrying no signal, shows none. */
class RavenStackBacktestTest {

    @Test
    void run_monthlyAsOfDates_reportsLeadTimesAndNoRealRanking() {
        long start = System.nanoTime();
        Backtest b = RavenStackBacktest.run(CalibrateAcceptanceTest.DATA.resolve("ravenstack-saas"));
        System.out.printf("ravenstack backtest: %s (%d ms)%n", b, (System.nanoTime() - start) / 1_000_000);

        assertThat(b.dates()).hasSize(21);
        assertThat(b.leads()).hasSizeGreaterThan(100);
        double[] aucs = b.dates().stream().mapToDouble(Backtest.DateResult::auc).filter(a -> !Double.isNaN(a)).toArray();
        assertThat(aucs).isNotEmpty();
        // a negative control: averaged over the dates, the usage-and-support score ranks churners about as well as chance
        assertThat(Arrays.stream(aucs).average().orElseThrow()).isBetween(0.4, 0.6);
        // and declining vectors are about as common before churn as they are among accounts that stay
        assertThat(Math.abs(b.decliningShareChurning() - b.decliningShareRetained())).isLessThan(0.1);
    }
}
