package org.cskit.benchmarks.playbooks;

/** One engine under test, evaluating every rule for a range of accounts. */
public interface Engine {
    /** A fresh play history / cooldown state for the batch of accounts starting at {@code base}. */
    void reset(int base);

    /**
     * Evaluates the 50 rules for accounts {@code [from, to)}; plays go to the engine's {@link Firings}.
     *
     * @return a value derived from the work done (for the blackhole)
     */
    long evaluate(int from, int to);
}
