package org.cskit.spring.boot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cskit.model.FeatureSchema;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.EngineListener;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.run.NightlyRun;
import org.cskit.run.NightlyState;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.InMemoryScoreHistory;
import org.cskit.scoring.ObservedScoring;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.spi.ScoreHistory;
import org.cskit.scoring.spi.ScoringListener;
import org.cskit.scoring.spi.ScoringStrategy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * cskit's beans, each backing off when the host defines one of the same type: the
 * {@link ScoringStrategies} registry and the strategies of {@code cskit.scoring.strategies}
 * ({@link CsKitScoring}), the {@link PlayStateStore} and the {@link ScoreHistory} (in memory unless
 * the JDBC configuration gave them), the compiled {@link PlaybookEngine} (the built-ins
 * and the JSON of {@code cskit.playbooks.locations}), the event entry point ({@link PlaybookEvents})
 * and, when the host defines a {@link NightlyPortfolio}, the nightly run: cs-run's {@link NightlyRun}
 * (with the {@link FeatureDeriver} of {@code cskit.nightly.features}), its {@link NightlyState} on the
 * play state store and the {@link NightlyJob}, scheduled by {@code cskit.nightly.cron} when
 * {@code cskit.nightly.enabled}. Every configuration error fails
 * startup naming the property, and for JSON the file and the JSON path.
 */
@AutoConfiguration(afterName = "org.cskit.spring.boot.CsKitJdbcAutoConfiguration")
@EnableConfigurationProperties(CsKitProperties.class)
public class CsKitAutoConfiguration {

    /**
     * The strategy registry: the built-ins, and ServiceLoader plug-ins when
     * {@code cskit.scoring.service-loader} is true.
     *
     * @param properties the properties
     * @return the registry
     */
    @Bean
    @ConditionalOnMissingBean
    public ScoringStrategies cskitScoringStrategies(CsKitProperties properties) {
        ScoringStrategies s = ScoringStrategies.withBuiltIns();
        return properties.getScoring().isServiceLoader() ? s.loadFromServiceLoader() : s;
    }

    /**
     * The configured strategies, each observed by the {@link ScoringListener} beans (Micrometer's, when there).
     *
     * @param registry the registry
     * @param properties the properties
     * @param loader where locations are read
     * @param listeners the listeners
     * @return the strategies by name
     */
    @Bean
    @ConditionalOnMissingBean
    public CsKitScoring cskitScoring(ScoringStrategies registry, CsKitProperties properties, ResourceLoader loader,
            ObjectProvider<ScoringListener> listeners) {
        Resources resources = new Resources(loader);
        List<ScoringListener> all = listeners.orderedStream().toList();
        Map<String, ScoringStrategy> strategies = new LinkedHashMap<>();
        properties.getScoring().getStrategies().forEach((name, config) -> {
            String prefix = "cskit.scoring.strategies." + name;
            try {
                registry.provider(config.getType());
            } catch (ValidationException e) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".type", config.getType(), e.getMessage());
            }
            Resource[] files = resources.all(prefix + ".config", config.getConfig());
            if (files.length != 1) {
                throw new CsKitConfigurationException(prefix + ".config '" + config.getConfig() + "' matches " + files.length
                        + " files; a strategy's configuration is one file");
            }
            ScoringStrategy strategy;
            try {
                strategy = registry.create(config.getType(), Resources.text(prefix + ".config", files[0]));
            } catch (JsonInputException | ValidationException e) {
                throw new CsKitConfigurationException(prefix + ".config (" + files[0].getDescription() + "): " + e.getMessage(), e);
            }
            if (!all.isEmpty()) {
                strategy = ObservedScoring.of(strategy, name, all.size() == 1 ? all.get(0) : r -> all.forEach(l -> l.scored(r)));
            }
            strategies.put(name, strategy);
        });
        return new CsKitScoring(strategies);
    }

    /**
     * The play state store in memory: made only when neither the host nor the JDBC configuration gave one.
     *
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean
    public PlayStateStore cskitPlayStateStore() {
        return new InMemoryPlayStateStore();
    }

    /**
     * The score history, in memory: made only when neither the host nor the JDBC configuration gave one.
     *
     * @param properties the properties
     * @param loader the context's class loader, to say whether cs-jdbc is there
     * @return the history
     * @throws InvalidConfigurationPropertyValueException if {@code cskit.store.type} is jdbc (there was no DataSource or no cs-jdbc)
     */
    @Bean
    @ConditionalOnMissingBean
    public ScoreHistory cskitScoreHistory(CsKitProperties properties, ResourceLoader loader) {
        if (properties.getStore().getType() == CsKitProperties.StoreType.JDBC) {
            throw new InvalidConfigurationPropertyValueException("cskit.store.type", "jdbc",
                    "JDBC stores need a javax.sql.DataSource bean and org.cskit:cs-jdbc on the class path; "
                            + (org.springframework.util.ClassUtils.isPresent("org.cskit.jdbc.CsJdbc", loader.getClassLoader()) ? "there is no DataSource bean" : "cs-jdbc is not on the class path"));
        }
        return InMemoryScoreHistory.create();
    }

    /**
     * The engine, compiled once from the built-in playbooks (unless {@code cskit.playbooks.built-ins}
     * is false) and those of {@code cskit.playbooks.locations}, against the built-ins' features and
     * {@code cskit.playbooks.features}; plays go to the {@link ActionSink} bean if there is one.
     *
     * @param properties the properties
     * @param loader where locations are read
     * @param store the state store
     * @param sinks the sink, if any
     * @param listeners the listeners
     * @return the engine
     */
    @Bean
    @ConditionalOnMissingBean
    public PlaybookEngine cskitPlaybookEngine(CsKitProperties properties, ResourceLoader loader, PlayStateStore store,
            ObjectProvider<ActionSink> sinks, ObjectProvider<EngineListener> listeners) {
        CsKitProperties.Playbooks config = properties.getPlaybooks();
        Set<String> features = new LinkedHashSet<>(config.isBuiltIns() ? BuiltInPlaybooks.features() : List.of());
        features.addAll(config.getFeatures());
        FeatureSchema schema;
        try {
            schema = FeatureSchema.of(new ArrayList<>(features));
        } catch (ValidationException e) {
            throw new InvalidConfigurationPropertyValueException("cskit.playbooks.features", config.getFeatures(), e.getMessage());
        }
        List<Playbook> playbooks = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        if (config.isBuiltIns()) {
            playbooks.addAll(BuiltInPlaybooks.all());
            playbooks.forEach(p -> origins.add("the built-in playbooks (cskit.playbooks.built-ins)"));
        }
        Resources resources = new Resources(loader);
        for (int i = 0; i < config.getLocations().size(); i++) {
            String property = "cskit.playbooks.locations[" + i + "]";
            for (Resource file : resources.all(property, config.getLocations().get(i))) {
                String where = property + " (" + file.getDescription() + ")";
                try {
                    List<Playbook> read = PlaybookEngine.readJson(Resources.text(property, file), schema);
                    playbooks.addAll(read);
                    read.forEach(p -> origins.add(where));
                } catch (JsonInputException | ValidationException e) {
                    throw new CsKitConfigurationException(where + ": " + e.getMessage(), e);
                }
            }
        }
        PlaybookEngine.Builder b = PlaybookEngine.builder().schema(schema).playbooks(playbooks).store(store);
        if (!config.getBandLabels().isEmpty()) {
            b.bandLabels(config.getBandLabels());
        }
        if (!config.getSegmentNames().isEmpty()) {
            b.segmentNames(config.getSegmentNames());
        }
        ActionSink sink = sinks.getIfAvailable();
        if (sink != null) {
            b.sink(sink);
        }
        EngineListener listener = engineListener(listeners.orderedStream().toList());
        if (listener != null) {
            b.listener(listener);
        }
        try {
            return b.build();
        } catch (ValidationException e) {
            throw new CsKitConfigurationException(origin(e, playbooks, origins) + e.getMessage(), e);
        }
    }

    /** Which file the playbook an engine error names ({@code [index].field}) came from. */
    private static String origin(ValidationException e, List<Playbook> playbooks, List<String> origins) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\[(\\d+)]").matcher(e.field());
        if (m.find()) {
            int i = Integer.parseInt(m.group(1));
            if (i < playbooks.size()) {
                return origins.get(i) + ", playbook '" + playbooks.get(i).id() + "': ";
            }
        }
        return "cskit.playbooks: ";
    }

    /**
     * The event entry point.
     *
     * @param engine the engine
     * @return the entry point
     */
    @Bean
    @ConditionalOnMissingBean
    public PlaybookEvents cskitPlaybookEvents(PlaybookEngine engine) {
        return new PlaybookEvents(engine);
    }

    /**
     * The feature definitions the nightly run derives from the signals, read from the JSON array
     * at {@code cskit.nightly.features}.
     *
     * @param properties the properties
     * @param loader where the location is read
     * @return the deriver
     * @throws CsKitConfigurationException naming the property, the file and the JSON path if the
     *     file is not one array of valid feature definitions
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "cskit.nightly", name = "features")
    public FeatureDeriver cskitFeatureDeriver(CsKitProperties properties, ResourceLoader loader) {
        String property = "cskit.nightly.features";
        String location = properties.getNightly().getFeatures();
        Resource[] files = new Resources(loader).all(property, location);
        if (files.length != 1) {
            throw new CsKitConfigurationException(property + " '" + location + "' matches " + files.length
                    + " files; the feature definitions are one file");
        }
        String where = property + " (" + files[0].getDescription() + ")";
        try {
            List<FeatureDefinition> definitions = CsJson.create().readList(Resources.text(property, files[0]), FeatureDefinition.class);
            if (definitions.isEmpty()) {
                throw new CsKitConfigurationException(where + ": $: the array of feature definitions is empty; give at least one");
            }
            return FeatureDeriver.of(definitions);
        } catch (JsonInputException | ValidationException e) {
            throw new CsKitConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    /** The strategy the night scores with: {@code cskit.nightly.strategy}, or the only one configured. */
    static Map.Entry<String, ScoringStrategy> nightlyStrategy(CsKitProperties properties, CsKitScoring scoring) {
        String name = properties.getNightly().getStrategy();
        Map<String, ScoringStrategy> all = scoring.strategies();
        if (name == null || name.isBlank()) {
            if (all.size() == 1) {
                return all.entrySet().iterator().next();
            }
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.strategy", name, all.isEmpty()
                    ? "the nightly run scores with a configured strategy, and none is: set cskit.scoring.strategies.<name>.config"
                    : "several scoring strategies are configured (" + String.join(", ", all.keySet())
                            + "): name the one the nightly run scores with");
        }
        ScoringStrategy strategy = all.get(name);
        if (strategy == null) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.strategy", name, "no scoring strategy of that name is "
                    + "configured under cskit.scoring.strategies; configured: " + (all.isEmpty() ? "none" : String.join(", ", all.keySet())));
        }
        return Map.entry(name, strategy);
    }

    /** One listener for several (or null for none). */
    private static EngineListener engineListener(List<EngineListener> all) {
        return all.isEmpty() ? null : all.size() == 1 ? all.get(0) : r -> all.forEach(l -> l.evaluated(r));
    }

    /**
     * cs-run's nightly run, when the host defines a {@link NightlyPortfolio}: the features of
     * {@code cskit.nightly.features} (or the host's {@link FeatureDeriver}), the strategy of
     * {@code cskit.nightly.strategy}, the engine's playbooks, observed by the {@link EngineListener} beans.
     *
     * @param properties the properties
     * @param engine the engine, whose playbooks the night runs
     * @param scoring the configured strategies
     * @param derivers the deriver, if any
     * @param listeners the engine listeners
     * @return the run
     * @throws CsKitConfigurationException naming {@code cskit.nightly.features} if there is no deriver
     * @throws InvalidConfigurationPropertyValueException naming the property whose value is refused
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NightlyPortfolio.class)
    public NightlyRun cskitNightlyRun(CsKitProperties properties, PlaybookEngine engine, CsKitScoring scoring,
            ObjectProvider<FeatureDeriver> derivers, ObjectProvider<EngineListener> listeners) {
        CsKitProperties.Nightly config = properties.getNightly();
        FeatureDeriver deriver = derivers.getIfAvailable();
        if (deriver == null) {
            throw new CsKitConfigurationException("cskit.nightly.features is not set: the nightly run derives the accounts' features "
                    + "from their signals with the feature definitions it names (a JSON array), or with a FeatureDeriver bean");
        }
        NightlyRun.Builder b = NightlyRun.builder().deriver(deriver).strategy(nightlyStrategy(properties, scoring).getValue())
                .playbooks(engine.playbooks());
        try {
            b.portfolio(config.getPortfolio());
        } catch (ValidationException e) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.portfolio", config.getPortfolio(), e.getMessage());
        }
        try {
            b.sliceSize(config.getSliceSize());
        } catch (ValidationException e) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.slice-size", config.getSliceSize(), e.getMessage());
        }
        if (config.getThreads() != null) {
            try {
                b.threads(config.getThreads());
            } catch (ValidationException e) {
                throw new InvalidConfigurationPropertyValueException("cskit.nightly.threads", config.getThreads(), e.getMessage());
            }
        }
        EngineListener listener = engineListener(listeners.orderedStream().toList());
        if (listener != null) {
            b.listener(listener);
        }
        return b.build();
    }

    /**
     * A nightly state of portfolio {@code cskit.nightly.portfolio} on a store, refusing a bad id by the property.
     *
     * @param properties the properties
     * @param state makes the state from the id
     * @return the state
     */
    static NightlyState nightlyState(CsKitProperties properties, java.util.function.Function<String, NightlyState> state) {
        try {
            return state.apply(properties.getNightly().getPortfolio());
        } catch (ValidationException e) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.portfolio", properties.getNightly().getPortfolio(),
                    e.getMessage());
        }
    }

    /**
     * The nightly state on the play state store bean (the one the event path uses, so nights and
     * events see the same plays), without transactions: made only when the JDBC configuration did
     * not make one.
     *
     * @param properties the properties
     * @param store the play state store
     * @return the state
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NightlyPortfolio.class)
    public NightlyState cskitNightlyState(CsKitProperties properties, PlayStateStore store) {
        return nightlyState(properties, id -> NightlyState.on(id, store));
    }

    /**
     * The nightly job: the run over the host's {@link NightlyPortfolio}, its plays to the
     * {@link ActionSink} bean, its report to the {@link NightlyJob.Listener} beans.
     *
     * @param run the run
     * @param state the state
     * @param portfolio the host's portfolio
     * @param sinks the sink
     * @param listeners who hears of each run
     * @param scoring the strategies, for tonight's band labels
     * @param properties the properties
     * @return the job
     * @throws InvalidConfigurationPropertyValueException naming {@code cskit.nightly.enabled} if there is no {@link ActionSink} bean,
     *     or {@code cskit.playbooks.band-labels} if the strategy is no scorecard and no labels are set
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NightlyPortfolio.class)
    public NightlyJob cskitNightlyJob(NightlyRun run, NightlyState state, NightlyPortfolio portfolio, ObjectProvider<ActionSink> sinks,
            ObjectProvider<NightlyJob.Listener> listeners, CsKitScoring scoring, CsKitProperties properties) {
        ActionSink sink = sinks.getIfAvailable();
        if (sink == null) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.enabled", "true",
                    "the nightly run needs an ActionSink bean (where its plays go), or cs-jdbc with a DataSource for the play outbox");
        }
        List<String> bands = properties.getPlaybooks().getBandLabels();
        if (bands.isEmpty()) {
            Map.Entry<String, ScoringStrategy> strategy = nightlyStrategy(properties, scoring);
            ScoringStrategy inner = strategy.getValue() instanceof ObservedScoring o ? o.strategy() : strategy.getValue();
            if (!(inner.config() instanceof Scorecard card)) {
                throw new InvalidConfigurationPropertyValueException("cskit.playbooks.band-labels", bands, "the nightly strategy '"
                        + strategy.getKey() + "' is of type '" + inner.name() + "', not a weighted scorecard whose bands give tonight's "
                        + "band labels: list them");
            }
            bands = card.bands().ranges().stream().map(BandScheme.Range::label).toList();
        }
        return new NightlyJob(run, state, portfolio, sink, bands, listeners.orderedStream().toList(), Clock.systemUTC());
    }

    /**
     * The nightly job's schedule, when {@code cskit.nightly.enabled} is true.
     *
     * @param jobs the job
     * @param properties the properties
     * @return the schedule, started with the context
     * @throws InvalidConfigurationPropertyValueException naming the property if there is no
     *     {@link NightlyPortfolio} bean, or the cron expression or zone is not valid
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "cskit.nightly", name = "enabled", havingValue = "true")
    public NightlySchedule cskitNightlySchedule(ObjectProvider<NightlyJob> jobs, CsKitProperties properties) {
        NightlyJob job = jobs.getIfAvailable();
        if (job == null) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.enabled", "true",
                    "the nightly run needs a NightlyPortfolio bean that gives tonight's accounts and signals");
        }
        return new NightlySchedule(job, properties.getNightly().getCron(), properties.getNightly().getZone(), Clock.systemUTC());
    }
}
