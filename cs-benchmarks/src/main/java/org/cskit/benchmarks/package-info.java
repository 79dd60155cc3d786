/**
 * JMH benchmarks of cskit, side by side with peers and hand-written floors. Build and list them
 * with {@code mvn -B -q -pl cs-benchmarks -am package -DskipTests} and
 * {@code java -jar cs-benchmarks/target/benchmarks.jar -l}.
 *
 * <p>{@link org.cskit.benchmarks.PortfolioScoringBenchmark}: scoring a 1,000,000-account portfolio
 * against a hand-written floor. {@code PlaybookEngineBenchmark} comes with the playbooks issue.
 */
package org.cskit.benchmarks;
