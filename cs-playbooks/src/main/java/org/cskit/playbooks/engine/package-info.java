/**
 * The playbook engine: {@link org.cskit.playbooks.engine.PlaybookEngine} compiles playbooks once
 * and evaluates accounts ({@link org.cskit.playbooks.engine.PlaybookInput}), recording plays in a
 * {@link org.cskit.playbooks.spi.PlayHistory} ({@link org.cskit.playbooks.engine.InMemoryPlayHistory}
 * by default) and delivering them to an {@link org.cskit.playbooks.spi.ActionSink}. For whole
 * portfolios it also evaluates {@link org.cskit.model.columns.AccountBatch} (primitive arrays,
 * one row per account) with a {@link org.cskit.playbooks.engine.RowPlayHistory} and a
 * {@link org.cskit.playbooks.engine.RowSink}: the same plays, without an object per account.
 */
package org.cskit.playbooks.engine;
