/**
 * Benchmarks of the columnar pipeline before the playbooks: feature derivation over signal columns
 * ({@link org.cskit.benchmarks.columns.FeatureDerivationBenchmark}) and scoring over feature columns
 * ({@link org.cskit.benchmarks.columns.ColumnScoringBenchmark}), each beside a hand-written floor over
 * the same arrays and today's object path, in the same run.
 */
package org.cskit.benchmarks.columns;
