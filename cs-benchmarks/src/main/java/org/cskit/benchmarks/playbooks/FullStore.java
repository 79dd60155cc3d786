package org.cskit.benchmarks.playbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.spi.PlayState;

/**
 * An in-memory store holding, before any batch runs, the states a nightly run's store holds: the
 * {@code -Dstore=full} mode of {@link PlaybookCpuTime}. The engine benchmarks otherwise start each
 * batch over an empty store, where a read of an account with no state looks into a bucket holding
 * only the batch's own accounts; in a nightly run the store holds 12 to 18 million states and every
 * such read looks into a full bucket somewhere in 200 MB of heap.
 *
 * <p>The filler accounts ({@code fill-0}, {@code fill-1}, ...; never an account of the portfolio)
 * each get an open play of playbook {@code i % 50} of the 50 rules, and every fifth one a second
 * of playbook {@code (7i + 3) % 50}: 1.2 states per filler account, 12 million states for the
 * default ten million (the 50 rules' nightly run at 10M made 12.3 million plays). The portfolio's
 * accounts start every batch with no state, as over an empty store, so the plays made are the
 * same: {@link #clear} deletes the states a batch wrote (outside the timed region).
 */
final class FullStore {
    private static InMemoryPlayStateStore shared;

    private FullStore() {}

    /** Whether {@code -Dstore=full} was given (default {@code empty}). */
    static boolean wanted() {
        String mode = System.getProperty("store", "empty");
        if (!mode.equals("full") && !mode.equals("empty")) {
            throw new IllegalArgumentException("-Dstore must be empty or full, but was " + mode);
        }
        return mode.equals("full");
    }

    /** The JVM's one filled store ({@code -Dfill} filler accounts, default 10,000,000), filled on first use. */
    static synchronized InMemoryPlayStateStore shared() {
        if (shared == null) {
            int accounts = Integer.parseInt(System.getProperty("fill", "10000000").replace("_", ""));
            long t0 = System.nanoTime();
            shared = fill(accounts, RuleSet.playbooks());
            System.out.printf(Locale.ROOT, "full store: %,d filler accounts, %,d states, filled in %.1f s%n", accounts, shared.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        return shared;
    }

    static InMemoryPlayStateStore fill(int accounts, List<Playbook> playbooks) {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        long now = Portfolio.NOW.getEpochSecond() - 86_400L;
        PlayState open = new PlayState(1, PlayState.Status.OPEN, 0, now, now, new long[0]);
        int n = playbooks.size();
        for (int i = 0; i < accounts; i++) {
            AccountId account = AccountId.of("fill-" + i);
            store.compareAndSet(account, playbooks.get(i % n).id(), 0, open);
            if (i % 5 == 0) {
                store.compareAndSet(account, playbooks.get((7 * i + 3) % n).id(), 0, open);
            }
        }
        store.trim(); // as a nightly run leaves it
        return store;
    }

    /** Deletes every state of the portfolio's accounts {@code [from, to)}. */
    static void clear(InMemoryPlayStateStore store, int from, int to) {
        AccountId[] ids = new AccountId[to - from];
        for (int i = from; i < to; i++) {
            ids[i - from] = Portfolio.accountId(i);
        }
        List<Object[]> found = new ArrayList<>();
        store.read(ids, ids.length, (i, playbookId, state) -> found.add(new Object[] {ids[i], playbookId, state.version()}));
        for (Object[] f : found) {
            if (!store.compareAndSet((AccountId) f[0], (String) f[1], (Long) f[2], new PlayState((Long) f[2] + 1, PlayState.Status.NONE, 0,
                    PlayState.NEVER, PlayState.NEVER, new long[0]))) {
                throw new IllegalStateException("could not clear " + f[0] + " " + f[1]);
            }
        }
    }
}
