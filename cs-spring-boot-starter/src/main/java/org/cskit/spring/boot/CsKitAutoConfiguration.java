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
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.EngineListener;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.scoring.InMemoryScoreHistory;
import org.cskit.scoring.ObservedScoring;
import org.cskit.scoring.ScoringStrategies;
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
 * and, when the host defines a {@link NightlyPortfolio}, the {@link PortfolioPlaybookRun}, scheduled by
 * {@code cskit.nightly.cron} when {@code cskit.nightly.enabled}. Every configuration error fails
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
        List<EngineListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            b.listener(all.size() == 1 ? all.get(0) : r -> all.forEach(l -> l.evaluated(r)));
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
     * The nightly run, when the host defines a {@link NightlyPortfolio}.
     *
     * @param engine the engine
     * @param portfolio the host's portfolio
     * @param sinks the sink
     * @return the run
     * @throws InvalidConfigurationPropertyValueException naming {@code cskit.nightly.enabled} if there is no {@link ActionSink} bean
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NightlyPortfolio.class)
    public PortfolioPlaybookRun cskitNightlyRun(PlaybookEngine engine, NightlyPortfolio portfolio, ObjectProvider<ActionSink> sinks) {
        ActionSink sink = sinks.getIfAvailable();
        if (sink == null) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.enabled", "true",
                    "the nightly run needs an ActionSink bean (where its plays go), or cs-jdbc with a DataSource for the play outbox");
        }
        return new PortfolioPlaybookRun(engine, portfolio, sink, Clock.systemUTC());
    }

    /**
     * The nightly run's schedule, when {@code cskit.nightly.enabled} is true.
     *
     * @param runs the run
     * @param properties the properties
     * @return the schedule, started with the context
     * @throws InvalidConfigurationPropertyValueException naming the property if there is no
     *     {@link NightlyPortfolio} bean, or the cron expression or zone is not valid
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "cskit.nightly", name = "enabled", havingValue = "true")
    public NightlySchedule cskitNightlySchedule(ObjectProvider<PortfolioPlaybookRun> runs, CsKitProperties properties) {
        PortfolioPlaybookRun run = runs.getIfAvailable();
        if (run == null) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.enabled", "true",
                    "the nightly run needs a NightlyPortfolio bean that gives the accounts as of the run's time");
        }
        return new NightlySchedule(run, properties.getNightly().getCron(), properties.getNightly().getZone(), Clock.systemUTC());
    }
}
