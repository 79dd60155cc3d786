package org.cskit.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.scoring.ObservedScoring;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.spi.ScoringStrategy;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code cskit} ({@code /actuator/cskit} once exposed): the loaded playbooks
 * (id, name, trigger kind, priority, and why one can never fire), the configured scoring strategies
 * (name, type, scorecard id and version), the play state store and the last nightly run.
 * Read-only. Thread-safe.
 */
@Endpoint(id = "cskit")
public class CsKitEndpoint {
    private final PlaybookEngine engine;
    private final CsKitScoring scoring;
    private final NightlyJob nightly;

    /**
     * @param engine the engine
     * @param scoring the strategies
     * @param nightly the nightly run, or null
     */
    public CsKitEndpoint(PlaybookEngine engine, CsKitScoring scoring, NightlyJob nightly) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.scoring = Objects.requireNonNull(scoring, "scoring");
        this.nightly = nightly;
    }

    /**
     * What cskit has loaded.
     *
     * @return the description
     */
    @ReadOperation
    public Description cskit() {
        List<PlaybookInfo> playbooks = new ArrayList<>();
        for (Playbook p : engine.playbooks()) {
            playbooks.add(new PlaybookInfo(p.id(), p.name(), p.trigger().kind().name(), p.priority().name(),
                    engine.cannotFire().get(p.id())));
        }
        List<StrategyInfo> strategies = new ArrayList<>();
        scoring.strategies().forEach((name, s) -> {
            ScoringStrategy inner = s instanceof ObservedScoring o ? o.strategy() : s;
            Scorecard card = inner.config() instanceof Scorecard c ? c : null;
            strategies.add(new StrategyInfo(name, inner.name(), card == null ? null : card.id().value(),
                    card == null ? null : card.version()));
        });
        return new Description(playbooks, strategies, engine.store().getClass().getSimpleName(),
                nightly == null ? null : nightly.lastRun().orElse(null));
    }

    /**
     * What cskit has loaded.
     *
     * @param playbooks the playbooks, in the engine's order
     * @param strategies the configured strategies
     * @param playStateStore the play state store's type
     * @param lastNightlyRun the last nightly run, or null
     */
    public record Description(List<PlaybookInfo> playbooks, List<StrategyInfo> strategies, String playStateStore,
            NightlyJob.LastRun lastNightlyRun) {}

    /**
     * A loaded playbook.
     *
     * @param id its id
     * @param name its name
     * @param trigger its trigger's kind
     * @param priority its priority
     * @param cannotFire why it can never fire, or null
     */
    public record PlaybookInfo(String id, String name, String trigger, String priority, String cannotFire) {}

    /**
     * A configured strategy.
     *
     * @param name its name under {@code cskit.scoring.strategies}
     * @param type its type
     * @param scorecard its scorecard's id, when it is a weighted scorecard
     * @param version its scorecard's version, when it is a weighted scorecard
     */
    public record StrategyInfo(String name, String type, String scorecard, Integer version) {}
}
