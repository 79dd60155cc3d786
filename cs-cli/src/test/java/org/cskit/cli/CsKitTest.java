package org.cskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsKitTest {

    @Test
    void help_namesEveryCommand() {
        Run run = Run.of("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("demo", "score", "playbooks", "calibrate", "backtest");
    }
}
