package org.cskit.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.AccountId;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayState.Status;
import org.cskit.playbooks.spi.PlayStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PlayStateStore} must meet. Extend it in a test, give it a new, empty
 * store for each test, and a way to reopen a store (the same data, as a new process would see it):
 *
 * <pre>{@code
 * class MyStoreContractTest extends PlayStateStoreContract<MyStore> {
 *     protected MyStore newStore() { return new MyStore(emptyTestDatabase()); }
 *     protected MyStore reopen(MyStore store) { return new MyStore(store.dataSource()); }
 * }
 * }</pre>
 *
 * <p>What it demands: a new store reads nothing; a compare-and-set from version 0 creates a state
 * and a read gives it back equal (every field, recent times included), with the version written; a
 * write whose expected version is not the stored one fails and changes nothing; a write of an
 * empty state deletes it (it reads as absent, and version 0 creates it again); accounts and
 * playbooks are independent; a batch read reports each account's states under its index (twice for
 * an account given twice) and nothing for accounts without state; {@code compareAndSetAll} answers
 * per write; states survive {@link #reopen} unchanged and their versions go on from there; and
 * compare-and-set is atomic: of many threads writing from one version exactly one succeeds, and
 * threads that read and write in a loop lose no update.
 *
 * @param <S> the store's type
 */
public abstract class PlayStateStoreContract<S extends PlayStateStore> {
    private static final AccountId ACCOUNT = AccountId.of("tck-account");
    private static final AccountId OTHER = AccountId.of("tck-other-account");
    private static final String PLAYBOOK = "tck-playbook";
    private static final String OTHER_PLAYBOOK = "tck-other-playbook";
    private static final long T0 = 1_777_593_600L; // 2026-05-01T00:00:00Z

    private S store;

    /** For subclasses. */
    protected PlayStateStoreContract() {}

    /**
     * A new, empty store; called once per test.
     *
     * @return the store
     */
    protected abstract S newStore();

    /**
     * The same store as a new process would open it: what was written, read back from where the
     * store keeps it (a database, a snapshot).
     *
     * @param store a store from {@link #newStore()}
     * @return the reopened store
     */
    protected abstract S reopen(S store);

    /**
     * How many threads write at once in the atomicity checks. Default: 8.
     *
     * @return the number of threads, at least 2
     */
    protected int threads() {
        return 8;
    }

    /** Asks the subclass for a new store. */
    @BeforeEach
    public void setUpPlayStateStoreContract() {
        store = newStore();
        assertThat(store).as("newStore()").isNotNull();
        assertThat(read(store, ACCOUNT)).as("states of a new store").isEmpty();
    }

    /** A state written from version 0 reads back equal, with every field. */
    @Test
    public void compareAndSet_fromNothing_createsTheState() {
        PlayState state = open(1, T0);

        assertThat(store.compareAndSet(ACCOUNT, PLAYBOOK, 0, state)).as("first write from version 0").isTrue();

        assertThat(read(store, ACCOUNT)).containsExactly(Map.entry(PLAYBOOK, state));
    }

    /** A write whose expected version is stale fails and changes nothing. */
    @Test
    public void compareAndSet_staleVersion_failsAndChangesNothing() {
        PlayState first = open(1, T0);
        store.compareAndSet(ACCOUNT, PLAYBOOK, 0, first);

        assertThat(store.compareAndSet(ACCOUNT, PLAYBOOK, 0, open(1, T0 + 60))).as("a second write from version 0").isFalse();
        assertThat(store.compareAndSet(ACCOUNT, PLAYBOOK, 5, open(6, T0 + 60))).as("a write from version 5 when 1 is stored").isFalse();

        assertThat(read(store, ACCOUNT)).containsExactly(Map.entry(PLAYBOOK, first));
    }

    /** Versions go on: each write from the stored version succeeds and is read back. */
    @Test
    public void compareAndSet_successiveVersions_eachIsStored() {
        PlayState offered = new PlayState(1, Status.OFFERED, 20_000, T0, PlayState.NEVER, new long[0]);
        PlayState open = new PlayState(2, Status.OPEN, 20_000, T0, T0 + 3600, new long[] {T0 - 86_400, T0 + 3600});
        PlayState closed = new PlayState(3, Status.NONE, 0, PlayState.NEVER, T0 + 3600, new long[] {T0 - 86_400, T0 + 3600});

        assertThat(store.compareAndSet(ACCOUNT, PLAYBOOK, 0, offered)).isTrue();
        assertThat(store.compareAndSet(ACCOUNT, PLAYBOOK, 1, open)).isTrue();
        assertThat(read(store, ACCOUNT)).containsExactly(Map.entry(PLAYBOOK, open));
        assertThat(store.compareAndSet(ACCOUNT, PLAYBOOK, 2, closed)).isTrue();

        assertThat(read(store, ACCOUNT)).containsExactly(Map.entry(PLAYBOOK, closed));
    }

    /** Writing an empty state deletes it: it reads as absent, and a write from version 0 creates it again. */
    @Test
    public void compareAndSet_emptyState_deletesIt() {
        store.compareAndSet(ACCOUNT, PLAYBOOK, 0, open(1, T0));

        assertThat(store.compareAndSet(ACCOUNT, PLAYBOOK, 1, PlayState.EMPTY.withVersion(2))).isTrue();

        assertThat(read(store, ACCOUNT)).as("states after writing an empty one").isEmpty();
        assertThat(store.compareAndSet(ACCOUNT, PLAYBOOK, 0, open(1, T0 + 60))).as("a write from version 0 after the delete").isTrue();
    }

    /** Accounts and playbooks are independent; a batch read gives each account's states under its index. */
    @Test
    public void read_batch_reportsEachAccountsStatesUnderItsIndex() {
        PlayState a = open(1, T0);
        PlayState b = open(1, T0 + 1);
        PlayState c = open(1, T0 + 2);
        store.compareAndSet(ACCOUNT, PLAYBOOK, 0, a);
        store.compareAndSet(ACCOUNT, OTHER_PLAYBOOK, 0, b);
        store.compareAndSet(OTHER, PLAYBOOK, 0, c);
        AccountId nobody = AccountId.of("tck-account-without-state");

        List<String> seen = new ArrayList<>();
        store.read(new AccountId[] {nobody, ACCOUNT, OTHER, ACCOUNT, nobody}, 4, (i, playbook, state) -> seen.add(i + " " + playbook
                + " " + state));

        assertThat(seen).containsExactlyInAnyOrder("1 " + PLAYBOOK + " " + a, "1 " + OTHER_PLAYBOOK + " " + b, "2 " + PLAYBOOK + " " + c,
                "3 " + PLAYBOOK + " " + a, "3 " + OTHER_PLAYBOOK + " " + b);
    }

    /** {@code compareAndSetAll} answers per write, each as a compare-and-set of its own. */
    @Test
    public void compareAndSetAll_answersPerWrite() {
        store.compareAndSet(ACCOUNT, PLAYBOOK, 0, open(1, T0));

        boolean[] ok = store.compareAndSetAll(List.of(new PlayStateStore.Write(ACCOUNT, PLAYBOOK, 0, open(1, T0 + 5)),
                new PlayStateStore.Write(OTHER, PLAYBOOK, 0, open(1, T0 + 6)), new PlayStateStore.Write(ACCOUNT, PLAYBOOK, 1, open(2, T0 + 7))));

        assertThat(ok).containsExactly(false, true, true);
        assertThat(read(store, ACCOUNT)).containsExactly(Map.entry(PLAYBOOK, open(2, T0 + 7)));
    }

    /** What was written reads back the same after the store is reopened, and versions go on from there. */
    @Test
    public void reopen_keepsEveryStateAndVersion() {
        PlayState a = new PlayState(1, Status.OFFERED, -5, T0, T0 - 600, new long[] {T0 - 600});
        PlayState c = open(1, T0 + 2);
        store.compareAndSet(ACCOUNT, PLAYBOOK, 0, a);
        store.compareAndSet(OTHER, OTHER_PLAYBOOK, 0, c);

        S again = reopen(store);

        assertThat(read(again, ACCOUNT)).containsExactly(Map.entry(PLAYBOOK, a));
        assertThat(read(again, OTHER)).containsExactly(Map.entry(OTHER_PLAYBOOK, c));
        assertThat(again.compareAndSet(ACCOUNT, PLAYBOOK, 0, open(1, T0))).as("a stale write after reopening").isFalse();
        assertThat(again.compareAndSet(ACCOUNT, PLAYBOOK, 1, open(2, T0 + 9))).as("the next version after reopening").isTrue();
    }

    /**
     * Of many threads writing from the same version, exactly one succeeds.
     *
     * @throws InterruptedException if the test is interrupted
     */
    @Test
    public void compareAndSet_racingFromOneVersion_exactlyOneWins() throws InterruptedException {
        List<Boolean> wins = Concurrently.run(threads(), t -> store.compareAndSet(ACCOUNT, PLAYBOOK, 0, open(1, T0 + t)));

        assertThat(wins.stream().filter(w -> w).count()).as("writers that won from version 0").isEqualTo(1);
    }

    /**
     * Threads that read and write in a loop lose no update: the final version counts every write.
     *
     * @throws InterruptedException if the test is interrupted
     */
    @Test
    public void compareAndSet_readModifyWriteLoops_loseNoUpdate() throws InterruptedException {
        int perThread = 50;
        AtomicInteger failures = new AtomicInteger();
        Concurrently.run(threads(), t -> {
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    PlayState current = read(store, ACCOUNT).getOrDefault(PLAYBOOK, PlayState.EMPTY);
                    PlayState next = open(current.version() + 1, T0 + current.version());
                    if (store.compareAndSet(ACCOUNT, PLAYBOOK, current.version(), next)) {
                        break;
                    }
                    failures.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(read(store, ACCOUNT).get(PLAYBOOK).version()).as("version after %s threads wrote %s times each", threads(), perThread)
                .isEqualTo((long) threads() * perThread);
    }

    private static PlayState open(long version, long at) {
        return new PlayState(version, Status.OPEN, 0, at, at, new long[0]);
    }

    private static Map<String, PlayState> read(PlayStateStore store, AccountId account) {
        Map<String, PlayState> states = new HashMap<>();
        store.read(new AccountId[] {account}, 1, (i, playbook, state) -> {
            assertThat(i).as("index of the only account read").isZero();
            assertThat(states.put(playbook, state)).as("a second state for playbook %s", playbook).isNull();
        });
        return states;
    }
}
