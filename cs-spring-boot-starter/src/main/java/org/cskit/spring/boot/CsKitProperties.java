package org.cskit.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * cskit's Spring Boot properties, under {@code cskit}. Every one has a default; the starter works
 * with none set (the built-in playbooks on an in-memory store, no scoring strategy configured).
 *
 * <pre>
 * cskit.scoring.strategies.enterprise.config=classpath:cskit/enterprise-scorecard.json
 * cskit.playbooks.locations=classpath:cskit/playbooks/*.json
 * cskit.nightly.features=classpath:cskit/features.json
 * cskit.nightly.enabled=true
 * cskit.nightly.cron=0 0 2 * * *
 * </pre>
 *
 * <p>Not thread-safe (Spring binds it once at startup).
 */
@ConfigurationProperties("cskit")
public class CsKitProperties {
    private final Scoring scoring = new Scoring();
    private final Playbooks playbooks = new Playbooks();
    private final Store store = new Store();
    private final Nightly nightly = new Nightly();

    /** @return the scoring strategies */
    public Scoring getScoring() {
        return scoring;
    }

    /** @return the playbook definitions */
    public Playbooks getPlaybooks() {
        return playbooks;
    }

    /** @return where state is kept */
    public Store getStore() {
        return store;
    }

    /** @return the scheduled nightly run */
    public Nightly getNightly() {
        return nightly;
    }

    /** Scoring strategies built from JSON resources. */
    public static class Scoring {
        /**
         * Scoring strategies by name (the name tags their metrics and lists them in the actuator
         * endpoint): each a strategy type and the location of its JSON configuration.
         */
        private Map<String, Strategy> strategies = new LinkedHashMap<>();

        /**
         * Whether strategy types are also looked up with java.util.ServiceLoader (plug-ins on the
         * class path), besides the built-in weighted-scorecard and segmented.
         */
        private boolean serviceLoader = false;

        /** @return the strategies by name */
        public Map<String, Strategy> getStrategies() {
            return strategies;
        }

        /** @param strategies the strategies by name */
        public void setStrategies(Map<String, Strategy> strategies) {
            this.strategies = strategies;
        }

        /** @return whether ServiceLoader discovery is on */
        public boolean isServiceLoader() {
            return serviceLoader;
        }

        /** @param serviceLoader whether ServiceLoader discovery is on */
        public void setServiceLoader(boolean serviceLoader) {
            this.serviceLoader = serviceLoader;
        }
    }

    /** One scoring strategy. */
    public static class Strategy {
        /** The strategy type, as registered in ScoringStrategies (weighted-scorecard, segmented, or a plug-in's name). */
        private String type = "weighted-scorecard";

        /** Location of the strategy's JSON configuration (for weighted-scorecard, a scorecard), such as classpath:cskit/card.json or file:/etc/cskit/card.json. */
        private String config;

        /** @return the type */
        public String getType() {
            return type;
        }

        /** @param type the type */
        public void setType(String type) {
            this.type = type;
        }

        /** @return the configuration's location */
        public String getConfig() {
            return config;
        }

        /** @param config the configuration's location */
        public void setConfig(String config) {
            this.config = config;
        }
    }

    /** The playbook definitions the engine compiles. */
    public static class Playbooks {
        /** Whether cskit's built-in playbooks are loaded (before those of the locations). */
        private boolean builtIns = true;

        /**
         * Locations of JSON files, each an array of playbooks: classpath:, file: or a pattern such as
         * classpath*:cskit/playbooks/*.json. A location that matches no file fails startup.
         */
        private List<String> locations = new ArrayList<>();

        /**
         * Feature names the accounts carry, besides those of the built-in playbooks when they are on;
         * every field a playbook reads must be one of them.
         */
        private List<String> features = new ArrayList<>();

        /** Band labels of the scorecards in use; when set, a playbook naming another label fails startup. */
        private List<String> bandLabels = new ArrayList<>();

        /** Segment names the host declares; when set, a playbook naming another segment fails startup. */
        private List<String> segmentNames = new ArrayList<>();

        /** @return whether the built-ins are on */
        public boolean isBuiltIns() {
            return builtIns;
        }

        /** @param builtIns whether the built-ins are on */
        public void setBuiltIns(boolean builtIns) {
            this.builtIns = builtIns;
        }

        /** @return the locations */
        public List<String> getLocations() {
            return locations;
        }

        /** @param locations the locations */
        public void setLocations(List<String> locations) {
            this.locations = locations;
        }

        /** @return the extra features */
        public List<String> getFeatures() {
            return features;
        }

        /** @param features the extra features */
        public void setFeatures(List<String> features) {
            this.features = features;
        }

        /** @return the declared band labels */
        public List<String> getBandLabels() {
            return bandLabels;
        }

        /** @param bandLabels the declared band labels */
        public void setBandLabels(List<String> bandLabels) {
            this.bandLabels = bandLabels;
        }

        /** @return the declared segment names */
        public List<String> getSegmentNames() {
            return segmentNames;
        }

        /** @param segmentNames the declared segment names */
        public void setSegmentNames(List<String> segmentNames) {
            this.segmentNames = segmentNames;
        }
    }

    /** Where cskit keeps its state. */
    public static class Store {
        /**
         * auto: JDBC (play state, score history and play outbox) when cs-jdbc is on the class path and
         * a DataSource bean exists, else in memory; memory; or jdbc, which fails startup without a
         * DataSource.
         */
        private StoreType type = StoreType.AUTO;

        /** Prefix of cskit's tables. */
        private String tablePrefix = "cskit_";

        /** Whether cskit's tables are created or brought up to date at startup (off: run the migration files with your own tool). */
        private boolean migrate = true;

        /** @return the store type */
        public StoreType getType() {
            return type;
        }

        /** @param type the store type */
        public void setType(StoreType type) {
            this.type = type;
        }

        /** @return the table prefix */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /** @param tablePrefix the table prefix */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /** @return whether to migrate at startup */
        public boolean isMigrate() {
            return migrate;
        }

        /** @param migrate whether to migrate at startup */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }
    }

    /** Which stores to use. */
    public enum StoreType {
        /** JDBC when cs-jdbc and a DataSource are there, else memory. */
        AUTO,
        /** In memory. */
        MEMORY,
        /** JDBC; startup fails without a DataSource or cs-jdbc. */
        JDBC
    }

    /**
     * The nightly run: cs-run's NightlyRun over the host's NightlyPortfolio bean (signals to features,
     * vectors and plays), optionally on a schedule.
     */
    public static class Nightly {
        /** Whether the nightly run is scheduled (it needs a NightlyPortfolio bean and an ActionSink bean). */
        private boolean enabled = false;

        /** When the nightly run starts: a Spring cron expression (second, minute, hour, day of month, month, day of week). */
        private String cron = "0 0 2 * * *";

        /** The time zone the cron expression is read in. */
        private String zone = "UTC";

        /** The portfolio's id: the nightly state belongs to it, and a state of another portfolio is refused. */
        private String portfolio = "default";

        /**
         * The scoring strategy the night scores with: a name under cskit.scoring.strategies. May be
         * left out when exactly one strategy is configured.
         */
        private String strategy;

        /**
         * Location of a JSON array of feature definitions (name, signal, aggregate, window, ...) the
         * night derives from the signals, such as classpath:cskit/features.json. Not needed when the
         * host defines a FeatureDeriver bean.
         */
        private String features;

        /**
         * Accounts per slice: a thread works on one slice at a time and, with JDBC stores, each
         * slice's state changes and plays commit in one transaction. At least 1.
         */
        private int sliceSize = 4096;

        /** Threads that work on slices; left out, as many as there are processors. At least 1. */
        private Integer threads;

        /** @return whether the run is scheduled */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the run is scheduled */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the cron expression */
        public String getCron() {
            return cron;
        }

        /** @param cron the cron expression */
        public void setCron(String cron) {
            this.cron = cron;
        }

        /** @return the zone */
        public String getZone() {
            return zone;
        }

        /** @param zone the zone */
        public void setZone(String zone) {
            this.zone = zone;
        }

        /** @return the portfolio's id */
        public String getPortfolio() {
            return portfolio;
        }

        /** @param portfolio the portfolio's id */
        public void setPortfolio(String portfolio) {
            this.portfolio = portfolio;
        }

        /** @return the strategy's name, or null */
        public String getStrategy() {
            return strategy;
        }

        /** @param strategy the strategy's name */
        public void setStrategy(String strategy) {
            this.strategy = strategy;
        }

        /** @return the feature definitions' location, or null */
        public String getFeatures() {
            return features;
        }

        /** @param features the feature definitions' location */
        public void setFeatures(String features) {
            this.features = features;
        }

        /** @return accounts per slice */
        public int getSliceSize() {
            return sliceSize;
        }

        /** @param sliceSize accounts per slice */
        public void setSliceSize(int sliceSize) {
            this.sliceSize = sliceSize;
        }

        /** @return the threads, or null for as many as processors */
        public Integer getThreads() {
            return threads;
        }

        /** @param threads the threads */
        public void setThreads(Integer threads) {
            this.threads = threads;
        }
    }
}
