/**
 * Contract tests (TCK) for cskit's SPIs, as abstract JUnit 5 classes that an implementor extends in
 * a few lines: {@link org.cskit.testkit.tck.ScoringStrategyContract},
 * {@link org.cskit.testkit.tck.ActionSinkContract},
 * {@link org.cskit.testkit.tck.PlayStateStoreContract} and
 * {@link org.cskit.testkit.tck.ScoreHistoryContract}. Every built-in implementation passes them.
 * Each class's documentation says exactly what it demands.
 */
package org.cskit.testkit.tck;
