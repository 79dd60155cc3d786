package org.cskit.playbooks.engine;

import static org.cskit.playbooks.engine.EngineFixtures.states;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.playbooks.engine.EngineFixtures.features;
import static org.cskit.playbooks.engine.EngineFixtures.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.AccountId;
import org.cskit.model.StandardFeatures;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayState.Status;
import org.cskit.playbooks.spi.PlayStateStore;
import org.junit.jupiter.api.Test;

/**
 * The second write of an account with no state, in the in-memory store
 * ({@link InMemoryPlayStateStore#promote}): the claims made open in place while no other write of the
 * stripe ran since, else the full compare-and-set; either way the same states as the full write.
 */
class FreshPromoteTest {
    /** Four thresholds on low seats, a renewal window (a situation code), and a limited one on few logins. */
    private static List<Playbook> playbooks() {
        List<Playbook> list = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            list.add(Playbook.builder().id("pb-" + p).name("Playbook " + p)
                    .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3 + p * 0.01))
                    .addActions(new Action.Task(Template.of("Seats"), "CSM", 7, Priority.HIGH)).build());
        }
        list.add(Playbook.builder().id("renewal").name("Renewal in 90 days").trigger(new Trigger.DaysBeforeRenewal(90))
                .addActions(new Action.ScheduleReview(14, Template.of("Renewal review"))).build());
        list.add(Playbook.builder().id("limited").name("Few logins").trigger(new Trigger.Threshold("logins_14d", Operator.LT, 5))
                .addActions(new Action.Task(Template.of("Logins"), "CSM", 7, Priority.HIGH))
                .repeat(RepeatPolicy.builder().limit(new RepeatPolicy.Limit(2, Duration.ofDays(30))).build()).build());
        return list;
    }

    /** Account {@code k}'s input: low seats, renewal in 60 days, few logins on every third account. */
    private static PlaybookInput input(AccountId account, int k) {
        return PlaybookInput.of(snapshot(0, features().set("seat_utilisation", 0.2, 10).set(StandardFeatures.DAYS_TO_RENEWAL, 60, 1)
                .set("logins_14d", k % 3 == 0 ? 1 : 50, 10).build()).accountId(account).build());
    }

    /** {@code n} account ids whose fingerprints share their top byte: all in one stripe of the store. */
    private static List<AccountId> oneStripe(int n) {
        List<AccountId> ids = new ArrayList<>();
        long top = AccountId.of("s-0").fingerprint() >>> 56;
        for (int k = 0; ids.size() < n; k++) {
            AccountId id = AccountId.of("s-" + k);
            if (id.fingerprint() >>> 56 == top) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static PlaybookEngine engine(PlayStateStore store, ActionSink sink) {
        return PlaybookEngine.builder().schema(EngineFixtures.SCHEMA).playbooks(playbooks()).store(store).sink(sink).build();
    }

    /**
     * Many accounts, several per stripe, each with a situation code and on every third account a
     * limit's first recent time; the sink refuses one playbook's plays, so the delivered claims are
     * not the first ones in the record: the states are those the full write makes through the SPI,
     * and every account without the limited play was promoted in place (a promote that got a claim's
     * place or flags wrong falls back or writes other states).
     */
    @Test
    void promote_manyAccountsSomePlaysRefused_sameStatesAsTheFullWriteAndInPlaceWhereNoLimit() {
        ActionSink refusesPb1 = play -> {
            if (play.playbookId().equals("pb-1")) {
                throw new IllegalStateException("refused");
            }
        };
        InMemoryPlayStateStore memory = new InMemoryPlayStateStore();
        SpiStore spi = new SpiStore();
        PlaybookEngine promoting = engine(memory, refusesPb1);
        PlaybookEngine full = engine(spi, refusesPb1);
        List<AccountId> accounts = new ArrayList<>(oneStripe(60));
        for (int k = 0; k < 600; k++) {
            accounts.add(AccountId.of("acct-" + k));
        }
        int limited = 0;
        for (int k = 0; k < accounts.size(); k++) {
            assertThat(promoting.evaluate(input(accounts.get(k), k)).created()).hasSize(k % 3 == 0 ? 5 : 4);
            full.evaluate(input(accounts.get(k), k));
            limited += k % 3 == 0 ? 1 : 0;
        }

        for (AccountId account : accounts) {
            Map<String, PlayState> got = states(memory, account);
            assertThat(got).as(account.value()).isEqualTo(states(spi, account));
            assertThat(got.get("pb-1").status()).isEqualTo(Status.OFFERED);
            assertThat(got.get("pb-0").status()).isEqualTo(Status.OPEN);
            assertThat(got.get("renewal").situation()).isNotZero();
        }
        assertThat(memory.promotedInPlace()).isEqualTo(accounts.size() - limited);
    }

    /**
     * The sink, delivering the first play of an account, writes ten other accounts of the same stripe
     * (its bucket grows into a new array): the promote finds the stripe changed and takes the full
     * write, so the account's delivered plays are open (a promote into the bucket as it was at the
     * claim would leave them offered), and the other accounts keep what they were given.
     */
    @Test
    void promote_anotherWriteOfTheStripeDuringTheDeliveries_fallsBackAndRecordsThePlaysOpen() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        List<AccountId> ids = oneStripe(11);
        AtomicInteger calls = new AtomicInteger();
        PlayState other = new PlayState(1, Status.OPEN, 0, 1_000, 1_000, new long[0]);
        ActionSink sink = play -> {
            if (calls.incrementAndGet() == 1) {
                for (AccountId id : ids.subList(1, ids.size())) {
                    assertThat(store.compareAndSet(id, "pb-0", 0, other)).isTrue();
                }
            }
        };
        PlaybookEngine engine = engine(store, sink);

        assertThat(engine.evaluate(input(ids.get(0), 1)).created()).hasSize(5);

        Map<String, PlayState> after = states(store, ids.get(0));
        assertThat(after).hasSize(5);
        after.forEach((playbook, state) -> {
            assertThat(state.status()).as(playbook).isEqualTo(Status.OPEN);
            assertThat(state.version()).as(playbook).isEqualTo(2);
        });
        for (AccountId id : ids.subList(1, ids.size())) {
            assertThat(states(store, id)).isEqualTo(Map.of("pb-0", other));
        }
        assertThat(store.promotedInPlace()).isZero();
    }

    /**
     * The sink writes the account's own state of a playbook while it is being delivered (as another
     * evaluation of the account could): that write stands, the promote falls back to the full
     * compare-and-set, which fails for that playbook only.
     */
    @Test
    void promote_theSameAccountWrittenDuringTheDeliveries_theOtherWriteStands() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        AccountId acme = AccountId.of("acme");
        PlayState theirs = new PlayState(2, Status.OPEN, 0, 5, 5, new long[0]);
        AtomicInteger calls = new AtomicInteger();
        ActionSink sink = play -> {
            if (calls.incrementAndGet() == 1) {
                assertThat(store.compareAndSet(acme, "pb-3", 1, theirs)).isTrue();
            }
        };
        PlaybookEngine engine = engine(store, sink);

        assertThat(engine.evaluate(input(acme, 1)).created()).hasSize(5);

        Map<String, PlayState> after = states(store, acme);
        assertThat(after.get("pb-3")).isEqualTo(theirs);
        assertThat(after.get("pb-0").status()).isEqualTo(Status.OPEN);
        assertThat(after.get("pb-0").version()).isEqualTo(2);
        assertThat(store.promotedInPlace()).isZero();
    }

    /**
     * A stack overflow delivering the third play stops the evaluation: the two delivered before are
     * promoted (open, in place), the rest stay offered and are offered again next time under their keys.
     */
    @Test
    void promote_virtualMachineErrorOnTheThirdPlay_theTwoBeforeArePromotedTheRestOfferedAgain() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        AccountId acme = AccountId.of("acme");
        AtomicInteger calls = new AtomicInteger();
        List<String> keys = new ArrayList<>();
        ActionSink sink = play -> {
            if (calls.incrementAndGet() == 3) {
                throw new StackOverflowError("deep");
            }
            keys.add(play.key());
        };
        PlaybookEngine engine = engine(store, sink);

        assertThatThrownBy(() -> engine.evaluate(input(acme, 1))).isInstanceOf(StackOverflowError.class);

        Map<String, PlayState> after = states(store, acme);
        assertThat(after).hasSize(5);
        for (String p : List.of("pb-0", "pb-1")) {
            assertThat(after.get(p).status()).as(p).isEqualTo(Status.OPEN);
            assertThat(after.get(p).version()).as(p).isEqualTo(2);
        }
        for (String p : List.of("pb-2", "pb-3", "renewal")) {
            assertThat(after.get(p).status()).as(p).isEqualTo(Status.OFFERED);
            assertThat(after.get(p).version()).as(p).isEqualTo(1);
        }
        assertThat(store.promotedInPlace()).isEqualTo(1);

        EvaluationResult again = engine.evaluate(input(acme, 1));

        assertThat(again.created()).extracting(PlayHandle::playbookId).containsExactly("pb-2", "pb-3", "renewal");
        assertThat(keys).hasSize(5).doesNotHaveDuplicates();
        assertThat(states(store, acme).values()).extracting(PlayState::status).containsOnly(Status.OPEN);
    }

    /**
     * A limited playbook's open record carries its first recent time (a longer state than the claim):
     * not promoted in place, but written whole, with the time.
     */
    @Test
    void promote_aLimitedPlaybooksFirstPlay_recordedOpenWithItsRecentTime() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        AccountId acme = AccountId.of("acme");
        PlaybookEngine engine = engine(store, play -> { });

        EvaluationResult r = engine.evaluate(input(acme, 0));

        long now = EngineFixtures.day(0).getEpochSecond();
        assertThat(r.created()).hasSize(6);
        PlayState limited = states(store, acme).get("limited");
        assertThat(limited).isEqualTo(new PlayState(2, Status.OPEN, 0, now, now, new long[] {now}));
        assertThat(states(store, acme).get("pb-0")).isEqualTo(new PlayState(2, Status.OPEN, 0, now, now, new long[0]));
        assertThat(store.promotedInPlace()).isZero();
    }

    /**
     * Two threads evaluate disjoint accounts that share stripes, so promotes race with the other
     * thread's writes of the same stripes: every delivered play ends open, version 2.
     */
    @Test
    void promote_twoThreadsWritingTheSameStripes_everyDeliveredPlayOpen() throws Exception {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        PlaybookEngine engine = engine(store, play -> { });
        List<AccountId> ids = new ArrayList<>();
        for (int k = 0; k < 4_000; k++) {
            ids.add(AccountId.of("t-" + k));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int from = t;
                done.add(pool.submit(() -> {
                    for (int k = from; k < ids.size(); k += 2) {
                        engine.evaluate(input(ids.get(k), 1));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (AccountId id : ids) {
            Map<String, PlayState> after = states(store, id);
            assertThat(after).as(id.value()).hasSize(5);
            after.forEach((playbook, state) -> {
                assertThat(state.status()).as(id.value() + " " + playbook).isEqualTo(Status.OPEN);
                assertThat(state.version()).as(id.value() + " " + playbook).isEqualTo(2);
            });
        }
        assertThat(store.size()).isEqualTo(5L * ids.size());
    }
}
