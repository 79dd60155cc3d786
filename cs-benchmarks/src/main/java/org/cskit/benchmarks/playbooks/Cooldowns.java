package org.cskit.benchmarks.playbooks;

import java.util.Arrays;

/**
 * The peers' cooldown state (Easy Rules, Drools, hand-written all use this one): the last fire time
 * per account and rule, for the accounts of the current batch, checked in the rule's condition and
 * written by its action. Same semantics as cskit's {@code RepeatPolicy.cooldown}: a rule may fire
 * again for an account once {@code now >= last + 30 days}. (cskit keeps this state in its
 * {@code InMemoryPlayStateStore}, together with one-open-play-per-situation.)
 */
public final class Cooldowns {
    private static final long NEVER = Long.MIN_VALUE;
    private static final int SLOTS = RuleSet.RULES + RuleSet.EVENT_RULES;
    private final long[] last;
    private int base;

    public Cooldowns(int accounts) {
        last = new long[accounts * SLOTS];
        reset(0);
    }

    /** Forgets everything: a fresh history for the accounts from {@code base} on. */
    public void reset(int base) {
        this.base = base;
        Arrays.fill(last, NEVER);
    }

    public boolean ready(int account, int rule, long now) {
        long l = last[(account - base) * SLOTS + rule];
        return l == NEVER || now - l >= RuleSet.COOLDOWN_MILLIS;
    }

    public void record(int account, int rule, long now) {
        last[(account - base) * SLOTS + rule] = now;
    }
}
