package org.cskit.spring.boot;

import java.util.List;
import java.util.Objects;
import org.cskit.model.AccountId;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of cskit ({@code /actuator/health/cskit}): UP when the definitions are loaded
 * (the engine has playbooks) and every store answers (the play state store is read for a probe
 * account; each {@link CsKitStoreCheck}, such as the JDBC schema check, passes); DOWN with the
 * reason otherwise. Details: the playbook and strategy counts, the store's type, the last nightly
 * run. Thread-safe.
 */
public class CsKitHealthIndicator implements HealthIndicator {
    private static final AccountId PROBE = AccountId.of("cskit-health-probe");

    private final PlaybookEngine engine;
    private final CsKitScoring scoring;
    private final List<CsKitStoreCheck> checks;
    private final NightlyJob nightly;

    /**
     * @param engine the engine
     * @param scoring the configured strategies
     * @param checks the store checks
     * @param nightly the nightly run, or null
     */
    public CsKitHealthIndicator(PlaybookEngine engine, CsKitScoring scoring, List<CsKitStoreCheck> checks, NightlyJob nightly) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.scoring = Objects.requireNonNull(scoring, "scoring");
        this.checks = List.copyOf(checks);
        this.nightly = nightly;
    }

    @Override
    public Health health() {
        Health.Builder h = Health.up().withDetail("playbooks", engine.playbooks().size())
                .withDetail("strategies", scoring.strategies().size())
                .withDetail("playStateStore", engine.store().getClass().getSimpleName());
        if (nightly != null) {
            nightly.lastRun().ifPresent(r -> h.withDetail("lastNightlyRun", r.asOf() + ": " + r.report().accounts() + " accounts, "
                    + r.report().created() + " plays made"));
            nightly.lastFailure().ifPresent(f -> h.withDetail("lastNightlyFailure", f));
        }
        if (engine.playbooks().isEmpty()) {
            return h.down().withDetail("reason", "no playbooks loaded (cskit.playbooks.built-ins is false and no locations)").build();
        }
        try {
            engine.openPlaybooks(PROBE);
            checks.forEach(CsKitStoreCheck::check);
        } catch (RuntimeException e) {
            return h.down(e).build();
        }
        return h.build();
    }
}
