package org.cskit.benchmarks.playbooks;

import java.util.concurrent.atomic.LongAdder;
import org.cskit.playbooks.spi.EngineListener;
import org.cskit.playbooks.spi.EvaluationReport;

/**
 * The engine listener of the {@code ...Observed} benchmark modes: what a metrics binding does per
 * report (adds each count that is not zero to a thread-safe counter, and the time), without a
 * metrics library, so that the modes measure the engine's counting and one listener call per batch
 * or account.
 */
final class CountingListener implements EngineListener {
    final LongAdder made = new LongAdder();
    final LongAdder suppressed = new LongAdder();
    final LongAdder nanos = new LongAdder();

    @Override
    public void evaluated(EvaluationReport report) {
        nanos.add(report.nanos());
        report.forEachCount((p, what, reason, n) -> (what == EvaluationReport.Outcome.MADE ? made : suppressed).add(n));
    }
}
