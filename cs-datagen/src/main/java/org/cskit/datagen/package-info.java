/**
 * A seeded generator of realistic portfolios with known outcomes: start with
 * {@link org.cskit.datagen.PortfolioGenerator#builder()}. Each
 * {@link org.cskit.datagen.GeneratedAccount} carries its account, its signals, its hidden health
 * trajectory and the outcome of its renewal.
 */
package org.cskit.datagen;
