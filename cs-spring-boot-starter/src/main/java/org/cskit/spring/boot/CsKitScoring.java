package org.cskit.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.cskit.model.ValidationException;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * The scoring strategies configured under {@code cskit.scoring.strategies}, by name, built once
 * at startup (and, when a {@link org.cskit.scoring.spi.ScoringListener} bean exists, observed by
 * it). Immutable and thread-safe.
 */
public final class CsKitScoring {
    private final Map<String, ScoringStrategy> strategies;

    /**
     * @param strategies the strategies by name, in the configuration's order
     */
    public CsKitScoring(Map<String, ScoringStrategy> strategies) {
        this.strategies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(strategies));
    }

    /** @return every configured strategy by name, in the configuration's order */
    public Map<String, ScoringStrategy> strategies() {
        return strategies;
    }

    /**
     * A configured strategy.
     *
     * @param name its name under {@code cskit.scoring.strategies}
     * @return the strategy
     * @throws ValidationException listing the configured names if there is none of that name
     */
    public ScoringStrategy strategy(String name) {
        ScoringStrategy s = strategies.get(Objects.requireNonNull(name, "name"));
        if (s == null) {
            throw new ValidationException("name", "no scoring strategy named '" + name + "' is configured; configured: "
                    + (strategies.isEmpty() ? "none (set cskit.scoring.strategies.<name>.config)" : String.join(", ", strategies.keySet())));
        }
        return s;
    }
}
