/**
 * Playbooks: rules (trigger, conditions, actions) and the engine that evaluates them.
 *
 * <p>Not built yet: this package holds no API until the playbooks issue lands. Nothing here
 * pretends to work.
 */
package org.cskit.playbooks;
