package org.cskit.spring.boot;

/**
 * A check that a store cskit uses can be reached, run by the Actuator health indicator. The JDBC
 * configuration registers one (the database answers and holds the schema version cs-jdbc needs);
 * define your own for stores of your own.
 */
@FunctionalInterface
public interface CsKitStoreCheck {

    /**
     * Checks the store.
     *
     * @throws RuntimeException if it cannot be reached or is not usable, saying why
     */
    void check();
}
