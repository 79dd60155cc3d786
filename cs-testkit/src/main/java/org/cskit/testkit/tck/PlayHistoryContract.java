package org.cskit.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.spi.PlayHistory;
import org.cskit.playbooks.spi.PlayHistory.Admission;
import org.cskit.playbooks.spi.PlayHistory.Status;
import org.cskit.testkit.TestPlays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PlayHistory} must meet. Extend it in a test and give it a new, empty
 * history for each test:
 *
 * <pre>{@code
 * class MyHistoryContractTest extends PlayHistoryContract {
 *     protected PlayHistory newHistory() { return new MyHistory(testStore()); }
 * }
 * }</pre>
 *
 * <p>What it checks: a play is admitted as pending, {@code confirm} opens it and {@code close}
 * closes it (once); while a play for an account, playbook and situation is pending or open, another
 * for the same is {@link Admission#ALREADY_OPEN}, and a released or closed one no longer blocks;
 * other situations, playbooks and accounts are independent; the cooldown and the limit in a window
 * are honoured; {@code lastPlay} counts pending, open and closed plays but not released ones;
 * {@code openPlays} and {@code entries} are oldest first; and admission is atomic per account:
 * many threads admitting the same situation at once admit exactly one play.
 *
 * <p>Windows are checked well inside and well outside their edges; the contract does not pin
 * whether a play exactly at an edge counts.
 */
public abstract class PlayHistoryContract {
    private static final AccountId ACCOUNT = AccountId.of("tck-account");
    private static final AccountId OTHER_ACCOUNT = AccountId.of("tck-other-account");
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final RepeatPolicy DEFAULTS = RepeatPolicy.ofDefaults();

    private PlayHistory history;

    /** For subclasses. */
    protected PlayHistoryContract() {}

    /**
     * A new, empty history; called once per test.
     *
     * @return the history
     */
    protected abstract PlayHistory newHistory();

    /**
     * How many threads admit at once in the atomicity check. Default: 16.
     *
     * @return the number of threads, at least 2
     */
    protected int threads() {
        return 16;
    }

    /** Asks the subclass for a new history. */
    @BeforeEach
    public void setUpPlayHistoryContract() {
        history = newHistory();
        assertThat(history).as("newHistory()").isNotNull();
        assertThat(history.entries(ACCOUNT)).as("entries of a new history").isEmpty();
    }

    /** A new play is admitted and recorded as pending, not yet open. */
    @Test
    public void admit_newPlay_isPending() {
        Play play = play("band:red", 0);

        assertThat(history.admit(play, DEFAULTS)).isEqualTo(Admission.ADMITTED);

        assertThat(history.entries(ACCOUNT)).as("entries after admit")
                .containsExactly(new PlayHistory.Entry(play, Status.PENDING, Optional.empty()));
        assertThat(history.openPlays(ACCOUNT)).as("open plays after admit, before confirm").isEmpty();
    }

    /** Confirming a pending play opens it. */
    @Test
    public void confirm_pendingPlay_opensIt() {
        Play play = admitted("band:red", 0);

        history.confirm(ACCOUNT, play.key());

        assertThat(history.openPlays(ACCOUNT)).as("open plays after confirm").containsExactly(play);
        assertThat(history.entries(ACCOUNT)).as("entries after confirm")
                .containsExactly(new PlayHistory.Entry(play, Status.OPEN, Optional.empty()));
    }

    /** While a play is pending, another for the same situation is not admitted. */
    @Test
    public void admit_sameSituationWhilePending_isAlreadyOpen() {
        admitted("band:red", 0);

        assertThat(history.admit(play("band:red", 1), DEFAULTS)).isEqualTo(Admission.ALREADY_OPEN);
        assertThat(history.entries(ACCOUNT)).as("entries after the refused admit").hasSize(1);
    }

    /** While a play is open, another for the same situation is not admitted. */
    @Test
    public void admit_sameSituationWhileOpen_isAlreadyOpen() {
        open("band:red", 0);

        assertThat(history.admit(play("band:red", 1), DEFAULTS)).isEqualTo(Admission.ALREADY_OPEN);
        assertThat(history.admit(play("band:red", 0), DEFAULTS)).as("the same play again").isEqualTo(Admission.ALREADY_OPEN);
    }

    /** Other situations, playbooks and accounts do not block each other (no cooldown, no limit). */
    @Test
    public void admit_otherSituationPlaybookOrAccount_isIndependent() {
        open("band:red", 0);

        assertThat(history.admit(play("renewal:2027-01-15", 1), DEFAULTS)).as("other situation").isEqualTo(Admission.ADMITTED);
        assertThat(history.admit(TestPlays.play(ACCOUNT, "other-playbook", "band:red", at(1)), DEFAULTS)).as("other playbook")
                .isEqualTo(Admission.ADMITTED);
        assertThat(history.admit(TestPlays.play(OTHER_ACCOUNT, TestPlays.PLAYBOOK, "band:red", at(1)), DEFAULTS))
                .as("other account").isEqualTo(Admission.ADMITTED);
    }

    /** A released play is forgotten: the same play can be admitted again, and it no longer counts as made. */
    @Test
    public void release_pendingPlay_letsItBeAdmittedAgain() {
        Play play = admitted("band:red", 0);

        history.release(ACCOUNT, play.key());

        assertThat(history.entries(ACCOUNT)).as("entries after release").isEmpty();
        assertThat(history.lastPlay(ACCOUNT, TestPlays.PLAYBOOK)).as("lastPlay after release").isEmpty();
        assertThat(history.admit(play, DEFAULTS)).as("admit after release").isEqualTo(Admission.ADMITTED);
    }

    /** Closing an open play removes it from the open plays, records when, and happens once. */
    @Test
    public void close_openPlay_closesItOnce() {
        Play play = open("band:red", 0);

        assertThat(history.close(ACCOUNT, play.key(), at(2))).as("first close").isTrue();

        assertThat(history.openPlays(ACCOUNT)).as("open plays after close").isEmpty();
        assertThat(history.entries(ACCOUNT)).as("entries after close")
                .containsExactly(new PlayHistory.Entry(play, Status.CLOSED, Optional.of(at(2))));
        assertThat(history.close(ACCOUNT, play.key(), at(3))).as("second close").isFalse();
        assertThat(history.close(ACCOUNT, "no-such-key", at(3))).as("close of an unknown key").isFalse();
    }

    /** Once closed, the situation can make a new play (no cooldown). */
    @Test
    public void admit_sameSituationAfterClose_isAdmitted() {
        Play first = open("band:red", 0);
        history.close(ACCOUNT, first.key(), at(1));

        assertThat(history.admit(play("band:red", 2), DEFAULTS)).isEqualTo(Admission.ADMITTED);
    }

    /** Within the cooldown after the playbook's last play, no new play; well after it, a new one. */
    @Test
    public void admit_withinCooldown_isCoolingDown() {
        RepeatPolicy policy = RepeatPolicy.builder().cooldown(Duration.ofDays(7)).build();
        Play first = play("band:red", 0);
        assertThat(history.admit(first, policy)).isEqualTo(Admission.ADMITTED);
        history.confirm(ACCOUNT, first.key());
        history.close(ACCOUNT, first.key(), at(1));

        assertThat(history.admit(play("band:red", 3), policy)).as("3 days after, cooldown 7 days")
                .isEqualTo(Admission.COOLING_DOWN);
        assertThat(history.admit(play("renewal:2027-01-15", 3), policy)).as("another situation of the same playbook")
                .isEqualTo(Admission.COOLING_DOWN);
        assertThat(history.admit(play("band:red", 8), policy)).as("8 days after").isEqualTo(Admission.ADMITTED);
    }

    /** At most {@code count} plays of a playbook in the window; plays outside it do not count. */
    @Test
    public void admit_beyondLimit_isLimitReached() {
        RepeatPolicy policy = RepeatPolicy.builder().limit(new RepeatPolicy.Limit(2, Duration.ofDays(30))).build();
        for (int day = 0; day < 2; day++) {
            Play p = play("situation-" + day, day);
            assertThat(history.admit(p, policy)).as("play %s of 2", day + 1).isEqualTo(Admission.ADMITTED);
            history.confirm(ACCOUNT, p.key());
            history.close(ACCOUNT, p.key(), at(day));
        }

        assertThat(history.admit(play("situation-2", 10), policy)).as("third play within 30 days")
                .isEqualTo(Admission.LIMIT_REACHED);
        assertThat(history.admit(play("situation-2", 40), policy)).as("40 days on, both plays outside the window")
                .isEqualTo(Admission.ADMITTED);
    }

    /** {@code lastPlay} is the latest play of the playbook for the account, pending, open or closed. */
    @Test
    public void lastPlay_isTheLatestPlayOfThePlaybook() {
        assertThat(history.lastPlay(ACCOUNT, TestPlays.PLAYBOOK)).as("before any play").isEmpty();
        Play first = open("band:red", 0);
        history.close(ACCOUNT, first.key(), at(1));
        open("renewal:2027-01-15", 2);
        admitted("band:yellow", 5);

        assertThat(history.lastPlay(ACCOUNT, TestPlays.PLAYBOOK)).as("after plays on days 0 (closed), 2 (open), 5 (pending)")
                .contains(at(5));
        assertThat(history.lastPlay(ACCOUNT, "other-playbook")).as("another playbook").isEmpty();
        assertThat(history.lastPlay(OTHER_ACCOUNT, TestPlays.PLAYBOOK)).as("another account").isEmpty();
    }

    /** Open plays and entries come oldest first. */
    @Test
    public void openPlaysAndEntries_areOldestFirst() {
        Play a = open("situation-a", 0);
        Play b = open("situation-b", 1);
        Play c = admitted("situation-c", 2);

        assertThat(history.openPlays(ACCOUNT)).containsExactly(a, b);
        assertThat(history.entries(ACCOUNT)).extracting(PlayHistory.Entry::play).containsExactly(a, b, c);
        assertThat(history.openPlays(OTHER_ACCOUNT)).as("another account").isEmpty();
    }

    /**
     * Admission is atomic per account: of many threads admitting the same situation at once,
     * exactly one is admitted and the others see it open.
     *
     * @throws InterruptedException if the test is interrupted
     */
    @Test
    public void admit_sameSituationConcurrently_admitsExactlyOne() throws InterruptedException {
        List<Admission> decisions = Concurrently.run(threads(), t -> history.admit(play("band:red", 0, t), DEFAULTS));

        assertThat(decisions).as("decisions of %s concurrent admits", threads())
                .containsOnlyOnce(Admission.ADMITTED)
                .containsOnly(Admission.ADMITTED, Admission.ALREADY_OPEN);
        assertThat(history.entries(ACCOUNT)).as("entries after the concurrent admits").hasSize(1);
    }

    /**
     * Different accounts admit in parallel without blocking each other's decisions.
     *
     * @throws InterruptedException if the test is interrupted
     */
    @Test
    public void admit_differentAccountsConcurrently_admitsAll() throws InterruptedException {
        List<Admission> decisions = Concurrently.run(threads(),
                t -> history.admit(TestPlays.play(AccountId.of("tck-" + t), TestPlays.PLAYBOOK, "band:red", at(0)), DEFAULTS));

        assertThat(decisions).as("decisions for %s accounts", threads()).containsOnly(Admission.ADMITTED);
    }

    private static Instant at(int day) {
        return T0.plus(Duration.ofDays(day));
    }

    private static Play play(String situation, int day) {
        return TestPlays.play(ACCOUNT, TestPlays.PLAYBOOK, situation, at(day));
    }

    /** A play at a day, offset by seconds so that concurrent plays have distinct keys. */
    private static Play play(String situation, int day, int seconds) {
        return TestPlays.play(ACCOUNT, TestPlays.PLAYBOOK, situation, at(day).plusSeconds(seconds));
    }

    private Play admitted(String situation, int day) {
        Play play = play(situation, day);
        assertThat(history.admit(play, DEFAULTS)).as("admit %s", play.key()).isEqualTo(Admission.ADMITTED);
        return play;
    }

    private Play open(String situation, int day) {
        Play play = admitted(situation, day);
        history.confirm(ACCOUNT, play.key());
        return play;
    }
}
