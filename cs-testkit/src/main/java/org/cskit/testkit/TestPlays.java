package org.cskit.testkit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.spi.PlayHandle;

/**
 * Plays as the engine makes them, for tests of sinks, histories and hosts. Stateless and
 * thread-safe.
 *
 * <p>Defaults: priority high; one task "Call the champion" for the CSM, due the play's day; reason
 * trigger {@code vector.band entered 'red' (was 'yellow')} with the condition
 * {@code logins_14d < 10} holding at {@code logins_14d = 4}. The key is built as the engine builds
 * it: {@code playbook|account|situation|createdAt}, so equal arguments give equal keys.
 */
public final class TestPlays {
    /** The default playbook. */
    public static final String PLAYBOOK = "red-account-rescue";

    /** The default situation. */
    public static final String SITUATION = "band:red";

    /** The default task's text. */
    public static final String TASK_TEXT = "Call the champion";

    private TestPlays() {}

    /**
     * The default play: {@link #PLAYBOOK} for {@link TestSnapshots#ACCOUNT} in {@link #SITUATION}
     * at {@link TestSnapshots#AS_OF}.
     *
     * @return the play
     */
    public static Play play() {
        return play(TestSnapshots.ACCOUNT, PLAYBOOK, SITUATION, TestSnapshots.AS_OF);
    }

    /**
     * A play with the defaults above.
     *
     * @param account the account
     * @param playbookId the playbook
     * @param situation what it responds to
     * @param createdAt the as-of time of the evaluation that made it
     * @return the play
     * @throws org.cskit.model.ValidationException if the playbook or situation is blank
     */
    public static Play play(AccountId account, String playbookId, String situation, Instant createdAt) {
        Action.Task task = new Action.Task(Template.of(TASK_TEXT), "CSM", 0, Priority.HIGH);
        return new Play(
                key(account, playbookId, situation, createdAt),
                account,
                playbookId,
                1,
                situation,
                Priority.HIGH,
                createdAt,
                List.of(new Play.PlannedAction(task, TASK_TEXT, createdAt.atZone(ZoneOffset.UTC).toLocalDate())),
                new Play.Reason("vector.band entered 'red' (was 'yellow')",
                        List.of(new Play.ConditionOutcome("logins_14d < 10", "logins_14d = 4", true))));
    }

    /**
     * A handle to a play, as the engine gives a sink: its parts from the play, {@code play()} the
     * play itself, row -1 (a per-account evaluation), playbook index 0.
     *
     * @param play the play
     * @return the handle
     */
    public static PlayHandle handle(Play play) {
        return new PlayHandle() {
            @Override
            public AccountId accountId() {
                return play.accountId();
            }

            @Override
            public String playbookId() {
                return play.playbookId();
            }

            @Override
            public int playbookIndex() {
                return 0;
            }

            @Override
            public int row() {
                return -1;
            }

            @Override
            public String situation() {
                return play.situation();
            }

            @Override
            public String key() {
                return play.key();
            }

            @Override
            public Instant at() {
                return play.createdAt();
            }

            @Override
            public boolean reminder() {
                return false;
            }

            @Override
            public Play play() {
                return play;
            }

            @Override
            public String toString() {
                return play.key();
            }
        };
    }

    /**
     * The key the engine gives a play.
     *
     * @param account the account
     * @param playbookId the playbook
     * @param situation the situation
     * @param createdAt the as-of time
     * @return the key
     */
    public static String key(AccountId account, String playbookId, String situation, Instant createdAt) {
        return playbookId + "|" + account + "|" + situation + "|" + createdAt;
    }
}
