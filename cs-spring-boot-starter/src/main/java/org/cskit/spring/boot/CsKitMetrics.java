package org.cskit.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.cskit.playbooks.spi.EngineListener;
import org.cskit.playbooks.spi.EvaluationReport;
import org.cskit.run.NightlyReport;
import org.cskit.scoring.spi.ScoringListener;
import org.cskit.scoring.spi.ScoringReport;

/**
 * The engine's and the scoring strategies' reports as Micrometer meters. Tags are bounded: the
 * playbook id, the suppression reason, the band label, the configured strategy's name and the kind
 * of call; never an account.
 *
 * <ul>
 *   <li>{@code cskit.plays.made}, {@code cskit.plays.closed}, {@code cskit.plays.failed}: counters, tag {@code playbook};</li>
 *   <li>{@code cskit.plays.suppressed}: counter, tags {@code playbook} and {@code reason} ({@code already_open},
 *       {@code cooling_down}, {@code limit_reached}, {@code excluded}, {@code close_pending}, {@code concurrent});</li>
 *   <li>{@code cskit.playbooks.evaluation}: timer of each engine call, tag {@code kind} ({@code portfolio},
 *       {@code account}, {@code event}); {@code cskit.playbooks.accounts}: counter of accounts evaluated, tag {@code kind};</li>
 *   <li>{@code cskit.accounts.scored}: counter, tags {@code strategy} and {@code band};
 *       {@code cskit.scoring}: timer of each scoring call, tags {@code strategy} and {@code kind} ({@code account}, {@code batch});</li>
 *   <li>{@code cskit.nightly.run}: timer of each nightly run's wall time; {@code cskit.nightly.accounts}: counter of the
 *       accounts the nightly runs went through;</li>
 *   <li>{@code cskit.nightly.stage}: timer of each nightly run's time per stage, tag {@code stage} ({@code signals},
 *       {@code facts}, {@code derive}, {@code score}, {@code playbooks}), summed over the run's threads;
 *       {@code cskit.nightly.stage.cpu}: the same stages' CPU time (what they cost on a machine busy with other work).</li>
 * </ul>
 *
 * Thread-safe.
 */
public class CsKitMetrics implements EngineListener, ScoringListener, NightlyJob.Listener {
    private final MeterRegistry registry;

    /** @param registry where the meters go */
    public CsKitMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void evaluated(EvaluationReport report) {
        String kind = report.kind().name().toLowerCase(Locale.ROOT);
        registry.timer("cskit.playbooks.evaluation", "kind", kind).record(report.nanos(), TimeUnit.NANOSECONDS);
        registry.counter("cskit.playbooks.accounts", "kind", kind).increment(report.rows());
        report.forEachCount((p, what, reason, n) -> {
            Tags tags = Tags.of("playbook", report.playbookIds().get(p));
            switch (what) {
                case MADE -> registry.counter("cskit.plays.made", tags).increment(n);
                case CLOSED -> registry.counter("cskit.plays.closed", tags).increment(n);
                case FAILED -> registry.counter("cskit.plays.failed", tags).increment(n);
                case SUPPRESSED -> registry.counter("cskit.plays.suppressed", tags.and("reason", reason.name().toLowerCase(Locale.ROOT)))
                        .increment(n);
            }
        });
    }

    @Override
    public void ran(NightlyReport report) {
        registry.timer("cskit.nightly.run").record(report.wall());
        registry.counter("cskit.nightly.accounts").increment(report.accounts());
        stages("cskit.nightly.stage", report.stages());
        stages("cskit.nightly.stage.cpu", report.stagesCpu());
    }

    private void stages(String name, NightlyReport.Stages s) {
        registry.timer(name, "stage", "signals").record(s.signals());
        registry.timer(name, "stage", "facts").record(s.facts());
        registry.timer(name, "stage", "derive").record(s.derive());
        registry.timer(name, "stage", "score").record(s.score());
        registry.timer(name, "stage", "playbooks").record(s.playbooks());
    }

    private void add(String name, Tags tags, long count) {
        if (count != 0) {
            registry.counter(name, tags).increment(count);
        }
    }

    @Override
    public void scored(ScoringReport report) {
        registry.timer("cskit.scoring", "strategy", report.strategy(), "kind", report.kind().name().toLowerCase(Locale.ROOT))
                .record(report.nanos(), TimeUnit.NANOSECONDS);
        for (int b = 0; b < report.bands().size(); b++) {
            add("cskit.accounts.scored", Tags.of("strategy", report.strategy(), "band", report.bands().get(b)), report.count(b));
        }
    }
}
