/**
 * The playbook engine: {@link org.cskit.playbooks.engine.PlaybookEngine} compiles playbooks once and
 * evaluates, with one program and one set of rules, a portfolio held as an
 * {@link org.cskit.model.columns.AccountBatch}, one account ({@link org.cskit.playbooks.engine.PlaybookInput})
 * or one event. What it remembers per account and playbook is kept in a
 * {@link org.cskit.playbooks.spi.PlayStateStore} ({@link org.cskit.playbooks.engine.InMemoryPlayStateStore}
 * by default, which snapshots to a stream); plays go to an {@link org.cskit.playbooks.spi.ActionSink}.
 */
package org.cskit.playbooks.engine;
