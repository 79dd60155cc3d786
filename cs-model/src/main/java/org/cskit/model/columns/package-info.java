/**
 * A portfolio as columns: primitive arrays with one row per account (or per observation), the form
 * in which cskit derives features, scores and runs playbooks over millions of accounts without an
 * object per account. One account is a one-row batch of the same columns.
 *
 * <p>The pipeline, each stage reading and writing the types of this package:
 * {@link org.cskit.model.columns.SignalColumns} (observations) → feature derivation →
 * {@link org.cskit.model.columns.FeatureColumns} (with the standard features of the contracts from
 * {@link org.cskit.model.columns.ContractColumns} and of the success plans from
 * {@link org.cskit.model.columns.PlanColumns}) → a scoring strategy →
 * {@link org.cskit.model.columns.VectorColumns} (with {@link org.cskit.model.columns.ScoreHistoryColumns}
 * and the previous run's vector columns as input) → {@link org.cskit.model.columns.AccountBatch} →
 * the playbook engine.
 *
 * <p>Arrays are wrapped, never copied (a copy would double the memory of a large portfolio): a
 * caller must not change them while a stage reads them. Each type checks its arrays once when it
 * is built, in time proportional to their length, and reports the first problem as one
 * {@link org.cskit.model.ValidationException} naming the column, the row and the value. Every type
 * is immutable apart from its arrays, and safe to read from many threads.
 */
package org.cskit.model.columns;
