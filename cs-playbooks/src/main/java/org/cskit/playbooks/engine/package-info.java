/**
 * The playbook engine: {@link org.cskit.playbooks.engine.PlaybookEngine} compiles playbooks once
 * and evaluates accounts ({@link org.cskit.playbooks.engine.PlaybookInput}), recording plays in a
 * {@link org.cskit.playbooks.spi.PlayHistory} ({@link org.cskit.playbooks.engine.InMemoryPlayHistory}
 * by default) and delivering them to an {@link org.cskit.playbooks.spi.ActionSink}.
 */
package org.cskit.playbooks.engine;
