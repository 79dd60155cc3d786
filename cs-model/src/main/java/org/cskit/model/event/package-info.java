/**
 * Domain events: what happened to an account (a milestone achieved or missed, a champion changed,
 * a plan revised...). Playbooks trigger on them.
 *
 * <p>Hosts either build events themselves or derive them from two states of an account with
 * {@link org.cskit.model.event.AccountEvents#changes}. In JSON, the {@code type} property names the
 * event ({@code MILESTONE_ACHIEVED}, {@code CHAMPION_CHANGED}...).
 */
package org.cskit.model.event;
