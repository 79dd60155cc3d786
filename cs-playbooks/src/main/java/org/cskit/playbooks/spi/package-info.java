/**
 * For hosts: where plays go ({@link org.cskit.playbooks.spi.ActionSink}, which receives
 * {@link org.cskit.playbooks.spi.PlayHandle}s) and where the engine keeps what it remembers
 * ({@link org.cskit.playbooks.spi.PlayStateStore} of {@link org.cskit.playbooks.spi.PlayState}s:
 * storage only, the engine applies the policy). An in-memory store ships with the engine.
 */
package org.cskit.playbooks.spi;
