package org.cskit.benchmarks.playbooks;

import java.util.concurrent.atomic.LongAdder;
import org.cskit.playbooks.spi.EngineListener;
import org.cskit.playbooks.spi.EvaluationReport;

/**
 * The engine listener of the {@code ...Observed} benchmark modes: what a metrics binding does per
 * report (reads every playbook's made and suppressed counts into a thread-safe counter, and the
 * time), without a metrics library, so that the modes measure the engine's counting and one
 * listener call per batch or account.
 */
final class CountingListener implements EngineListener {
    final LongAdder made = new LongAdder();
    final LongAdder suppressed = new LongAdder();
    final LongAdder nanos = new LongAdder();

    @Override
    public void evaluated(EvaluationReport report) {
        nanos.add(report.nanos());
        if (!report.hasCounts()) {
            return;
        }
        for (int p = 0; p < report.playbookIds().size(); p++) {
            long m = report.made(p);
            if (m != 0) {
                made.add(m);
            }
            for (EvaluationReport.Suppression s : EvaluationReport.Suppression.values()) {
                long n = report.suppressed(p, s);
                if (n != 0) {
                    suppressed.add(n);
                }
            }
        }
    }
}
