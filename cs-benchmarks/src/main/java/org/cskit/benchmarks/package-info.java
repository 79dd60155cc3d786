/**
 * JMH benchmarks of cskit, side by side with peers. Empty until the scoring and playbooks issues
 * add {@code PortfolioScoringBenchmark} and {@code PlaybookEngineBenchmark}.
 */
package org.cskit.benchmarks;
