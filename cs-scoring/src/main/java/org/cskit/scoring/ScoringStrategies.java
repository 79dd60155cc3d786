package org.cskit.scoring;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;

/**
 * Finds scoring strategies by name and builds them from their configuration. Explicit
 * {@link #register registration} comes first; {@link java.util.ServiceLoader} discovery is an
 * opt-in ({@link #loadFromServiceLoader()}) and never replaces a provider registered by hand. Names
 * are compared ignoring case and surrounding spaces. There is no global instance: create one,
 * configure it, share it. Thread-safe. Each strategy built is logged at INFO (SLF4J,
 * {@code org.cskit.scoring.ScoringStrategies}).
 *
 * <pre>{@code
 * ScoringStrategies strategies = ScoringStrategies.withBuiltIns().loadFromServiceLoader();
 * ScoringStrategy strategy = strategies.create("weighted-scorecard", scorecardJson);
 * }</pre>
 */
public final class ScoringStrategies {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScoringStrategies.class);
    private final Map<String, ScoringStrategyProvider<?>> providers = new ConcurrentHashMap<>();
    private final CsJson json = CsJson.create();

    private ScoringStrategies() {}

    /**
     * Returns an empty registry.
     *
     * @return a registry with no provider
     */
    public static ScoringStrategies create() {
        return new ScoringStrategies();
    }

    /**
     * Returns a registry with the built-in strategies: {@value WeightedScorecard#NAME} and
     * {@value SegmentedScoring#NAME}.
     *
     * @return a registry with the built-ins registered
     */
    public static ScoringStrategies withBuiltIns() {
        return create().register(new WeightedScorecard.Provider()).register(new SegmentedScoring.Provider());
    }

    /**
     * Registers a provider.
     *
     * @param provider the provider
     * @return this registry
     * @throws ValidationException if a provider of the same name is already registered
     */
    public ScoringStrategies register(ScoringStrategyProvider<?> provider) {
        String name = normalise(provider.name());
        ScoringStrategyProvider<?> before = providers.putIfAbsent(name, provider);
        if (before != null && before != provider) {
            throw new ValidationException("name", "a scoring strategy named '" + name + "' is already registered ("
                    + before.getClass().getName() + ")");
        }
        return this;
    }

    /**
     * Adds every provider that {@link ServiceLoader} finds on the class path or module path whose
     * name is not registered yet.
     *
     * @return this registry
     */
    public ScoringStrategies loadFromServiceLoader() {
        @SuppressWarnings("rawtypes")
        ServiceLoader<ScoringStrategyProvider> loader = ServiceLoader.load(ScoringStrategyProvider.class);
        for (ScoringStrategyProvider<?> provider : loader) {
            providers.putIfAbsent(normalise(provider.name()), provider);
        }
        return this;
    }

    /**
     * The registered names.
     *
     * @return the names, sorted
     */
    public Set<String> names() {
        // Set.copyOf would drop the order; an unmodifiable view of a private sorted copy keeps it.
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(providers.keySet()));
    }

    /**
     * The provider of a name.
     *
     * @param name the strategy's name
     * @return the provider
     * @throws ValidationException listing the known names if there is none of that name
     */
    public ScoringStrategyProvider<?> provider(String name) {
        ScoringStrategyProvider<?> provider = providers.get(normalise(name));
        if (provider == null) {
            throw new ValidationException("name", "unknown scoring strategy '" + name + "'; known strategies: "
                    + (providers.isEmpty() ? "none (register one, or call loadFromServiceLoader())" : String.join(", ", new TreeSet<>(providers.keySet()))));
        }
        return provider;
    }

    /**
     * Builds a strategy from its JSON configuration.
     *
     * @param name the strategy's name
     * @param jsonConfig its configuration as JSON
     * @return the strategy
     * @throws ValidationException if the name is unknown
     * @throws org.cskit.model.json.JsonInputException if the configuration is not valid, with its JSON path
     */
    public ScoringStrategy create(String name, String jsonConfig) {
        return createTyped(provider(name), jsonConfig);
    }

    /**
     * Builds a strategy from a configuration value.
     *
     * @param name the strategy's name
     * @param config its configuration, of the provider's config type
     * @return the strategy
     * @throws ValidationException if the name is unknown or the configuration is of another type
     */
    public ScoringStrategy create(String name, Object config) {
        return createFromValue(provider(name), config);
    }

    private <C> ScoringStrategy createTyped(ScoringStrategyProvider<C> provider, String jsonConfig) {
        return logged(provider.create(json.read(jsonConfig, provider.configType())));
    }

    private static ScoringStrategy logged(ScoringStrategy strategy) {
        LOG.info("built scoring strategy {}", strategy);
        return strategy;
    }

    private static <C> ScoringStrategy createFromValue(ScoringStrategyProvider<C> provider, Object config) {
        if (!provider.configType().isInstance(config)) {
            throw new ValidationException("config", "scoring strategy '" + provider.name() + "' takes a "
                    + provider.configType().getSimpleName() + ", but got a "
                    + (config == null ? "null" : publicType(config.getClass()).getSimpleName()));
        }
        return logged(provider.create(provider.configType().cast(config)));
    }

    /** The first public class up from a class: users see Scorecard, not its generated implementation. */
    private static Class<?> publicType(Class<?> type) {
        Class<?> c = type;
        while (c.getSuperclass() != null && !java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
            c = c.getSuperclass();
        }
        return c;
    }

    private static String normalise(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "a scoring strategy name must not be blank, but was '" + name + "'");
        }
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
