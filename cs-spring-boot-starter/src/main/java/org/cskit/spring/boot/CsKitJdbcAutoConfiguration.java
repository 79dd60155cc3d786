package org.cskit.spring.boot;

import javax.sql.DataSource;
import org.cskit.jdbc.CsJdbc;
import org.cskit.jdbc.JdbcPlayStateStore;
import org.cskit.jdbc.JdbcScoreHistory;
import org.cskit.jdbc.OutboxOptions;
import org.cskit.jdbc.PlayOutbox;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.run.NightlyState;
import org.cskit.scoring.spi.ScoreHistory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * cskit on the host's database, when cs-jdbc is on the class path, a {@link DataSource} bean
 * exists and {@code cskit.store.type} is not {@code memory}: {@link CsJdbc} (tables under
 * {@code cskit.store.table-prefix}, migrated at startup unless {@code cskit.store.migrate} is
 * false), the {@link JdbcPlayStateStore}, the {@link JdbcScoreHistory}, the {@link PlayOutbox} and
 * its {@link PlayOutbox#sink() sink}, which puts every play in the outbox (the host delivers from it
 * with {@code deliverDue} or a relay), and the nightly state on that store, whose slices each run in
 * one {@link CsJdbc#inTransaction transaction}: a slice's state changes and the plays it put in the
 * outbox commit together or not at all. Events handed to the engine outside a transaction are each
 * their own.
 * Each bean backs off when the host defines one of its type.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "org.cskit.jdbc.CsJdbc")
@ConditionalOnBean(DataSource.class)
@ConditionalOnExpression("'${cskit.store.type:auto}'.toLowerCase() != 'memory'")
@EnableConfigurationProperties(CsKitProperties.class)
public class CsKitJdbcAutoConfiguration {

    /**
     * cskit's tables in the host's database.
     *
     * @param dataSource the host's pool
     * @param properties the properties
     * @return the database
     * @throws InvalidConfigurationPropertyValueException naming {@code cskit.store.table-prefix} if it is not a valid prefix
     */
    @Bean
    @ConditionalOnMissingBean
    public CsJdbc cskitJdbc(DataSource dataSource, CsKitProperties properties) {
        CsJdbc db;
        try {
            db = CsJdbc.builder().dataSource(dataSource).tablePrefix(properties.getStore().getTablePrefix()).build();
        } catch (ValidationException e) {
            throw new InvalidConfigurationPropertyValueException("cskit.store.table-prefix", properties.getStore().getTablePrefix(),
                    e.getMessage());
        }
        if (properties.getStore().isMigrate()) {
            db.migrate();
        }
        return db;
    }

    /**
     * The play state in the database.
     *
     * @param db the database
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean(PlayStateStore.class)
    public JdbcPlayStateStore cskitJdbcPlayStateStore(CsJdbc db) {
        return db.playStateStore();
    }

    /**
     * The score history in the database.
     *
     * @param db the database
     * @return the history
     */
    @Bean
    @ConditionalOnMissingBean(ScoreHistory.class)
    public JdbcScoreHistory cskitJdbcScoreHistory(CsJdbc db) {
        return db.scoreHistory();
    }

    /**
     * The play outbox, with the default options.
     *
     * @param db the database
     * @return the outbox
     */
    @Bean
    @ConditionalOnMissingBean
    public PlayOutbox cskitPlayOutbox(CsJdbc db) {
        return db.playOutbox(OutboxOptions.defaults());
    }

    /**
     * Puts each play in the outbox (in full: its actions and reason), under its key.
     *
     * @param outbox the outbox
     * @return the outbox's sink
     */
    @Bean
    @ConditionalOnMissingBean
    public ActionSink cskitOutboxSink(PlayOutbox outbox) {
        return outbox.sink();
    }

    /**
     * The nightly state in the database: the play state store bean, each slice of the night in one
     * transaction with the plays it puts in the outbox.
     *
     * @param db the database
     * @param store the play state store
     * @param properties the properties
     * @return the state
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NightlyPortfolio.class)
    public NightlyState cskitJdbcNightlyState(CsJdbc db, PlayStateStore store, CsKitProperties properties) {
        return CsKitAutoConfiguration.nightlyState(properties, id -> NightlyState.on(id, store, db::inTransaction));
    }

    /**
     * The health indicator's check: the database answers and holds the schema version cs-jdbc needs.
     *
     * @param db the database
     * @return the check
     */
    @Bean
    public CsKitStoreCheck cskitJdbcStoreCheck(CsJdbc db) {
        return db::checkSchema;
    }
}
