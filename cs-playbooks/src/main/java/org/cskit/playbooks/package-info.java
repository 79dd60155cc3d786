/**
 * Playbooks: repeatable responses to repeatable situations, as data.
 *
 * <p>A {@link org.cskit.playbooks.Playbook} names who it is for ({@link org.cskit.playbooks.Audience}),
 * what starts it ({@link org.cskit.playbooks.Trigger}: an event, a threshold or band crossing, a
 * date relative to the account, a cadence, or manual enrolment), what must also hold
 * ({@link org.cskit.playbooks.Condition}s on snapshot features, the vector and the account), what
 * it produces ({@link org.cskit.playbooks.Action}s: tasks, messages, plan changes, tags; data, never
 * side effects) and how often it may fire ({@link org.cskit.playbooks.RepeatPolicy}). Playbooks are
 * written with the typed builders or as JSON ({@code CsJson.create().readList(json, Playbook.class)});
 * nothing in a definition can run code, load classes or reach files or the network.
 *
 * <p>{@link org.cskit.playbooks.engine.PlaybookEngine} compiles a set of playbooks once and evaluates
 * portfolios, single accounts and events with one program, keeping what it remembers in a
 * {@link org.cskit.playbooks.spi.PlayStateStore} and delivering plays to an
 * {@link org.cskit.playbooks.spi.ActionSink}; {@link org.cskit.playbooks.BuiltInPlaybooks} holds the
 * built-in library.
 */
@ValueStyle
package org.cskit.playbooks;

import org.cskit.playbooks.internal.ValueStyle;
