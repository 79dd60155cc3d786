/**
 * For hosts: where plays go ({@link org.cskit.playbooks.spi.ActionSink}) and how the engine
 * remembers them ({@link org.cskit.playbooks.spi.PlayHistory}). In-memory implementations of both
 * ship with the engine.
 */
package org.cskit.playbooks.spi;
