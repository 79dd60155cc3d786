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
 * accounts, keeping plays in a {@link org.cskit.playbooks.spi.PlayHistory} and delivering them to
 * an {@link org.cskit.playbooks.spi.ActionSink}. Not built yet: parallel portfolio evaluation, the
 * built-in playbook library and the benchmark against rule engines.
 */
@ValueStyle
package org.cskit.playbooks;

import org.cskit.playbooks.internal.ValueStyle;
