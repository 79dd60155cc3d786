package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar, driven by a clock the test sets: nothing for quick steps, a redrawn line for slow ones. */
class ProgressTest {
    private long now;
    private final StringWriter text = new StringWriter();
    private final Progress bar = Progress.to(new PrintWriter(text), () -> now);

    @Test
    void quickStep_drawsNothing() {
        bar.start("scoring", 10);
        now = 900_000_000L;
        bar.advance(10);
        bar.finish();

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void slowStep_drawsOnceASecondHasPassed_redrawsInPlace_andEndsTheLine() {
        bar.start("scoring", 40);
        now = 500_000_000L;
        bar.advance(10);
        now = 1_200_000_000L;
        bar.advance(10);
        now = 1_250_000_000L;
        bar.advance(1);
        now = 1_400_000_000L;
        bar.advance(9);
        bar.finish();

        assertThat(text.toString()).isEqualTo("\rscoring    [##########----------]  50% 20/40"
                + "\rscoring    [###############-----]  75% 30/40"
                + "\rscoring    [####################] 100% 40/40" + System.lineSeparator());
    }

    @Test
    void slowStepThatReachesItsTotal_drawsTheFullBarOnce() {
        bar.start("loading", 2);
        now = 1_500_000_000L;
        bar.advance(2);
        bar.finish();

        assertThat(text.toString()).isEqualTo("\rloading    [####################] 100% 2/2" + System.lineSeparator());
    }

    @Test
    void abandon_endsADrawnLineWithoutCompletingIt() {
        bar.start("loading", 4);
        now = 2_000_000_000L;
        bar.advance(1);
        bar.abandon();
        bar.finish();

        assertThat(text.toString()).isEqualTo("\rloading    [#####---------------]  25% 1/4" + System.lineSeparator());
    }
}
