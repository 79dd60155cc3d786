package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cskit.model.AccountId;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore.Write;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bulk paths of {@link JdbcPlayStateStore}: a save from nothing large enough for {@code COPY}
 * on PostgreSQL (and the batch path on H2), its fall-back when a row is there already, and
 * {@link JdbcPlayStateStore#forEach} reading the whole table back.
 */
class PlayStateBulkTest {
    private static final int N = 2_500;
    private static final long T0 = 1_777_593_600L;

    private static DataSource database(String name) {
        return name.equals("postgresql") ? Databases.postgres() : Databases.h2();
    }

    /** New states, every shape of row: times or none, recent play times or none, each status. */
    private static List<Write> news(int n) {
        List<Write> writes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long at = T0 + i;
            PlayState s = switch (i % 3) {
                case 0 -> new PlayState(1, PlayState.Status.OPEN, 20_000 + i, at, at, new long[] {at - 86_400, at});
                case 1 -> new PlayState(1, PlayState.Status.OFFERED, -i, at, PlayState.NEVER, new long[0]);
                default -> new PlayState(1, PlayState.Status.NONE, 0, PlayState.NEVER, at, new long[] {at});
            };
            writes.add(new Write(AccountId.of("bulk-" + i), i % 2 == 0 ? "renewal" : "onboarding", 0, s));
        }
        return writes;
    }

    private static Map<String, PlayState> all(JdbcPlayStateStore store) {
        Map<String, PlayState> found = new HashMap<>();
        long n = store.forEach((account, playbook, state) -> found.put(account.value() + "/" + playbook, state));
        assertThat(n).as("count forEach returns").isEqualTo(found.size());
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void compareAndSetAll_manyNewStates_allWrittenAndForEachReadsThemBack(String database) {
        JdbcPlayStateStore store = Databases.fresh(database(database)).playStateStore();
        List<Write> writes = news(N);

        boolean[] ok = store.compareAndSetAll(writes);

        assertThat(ok).hasSize(N).doesNotContain(false);
        Map<String, PlayState> expected = new HashMap<>();
        for (Write w : writes) {
            expected.put(w.account().value() + "/" + w.playbookId(), w.next());
        }
        assertThat(all(store)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void compareAndSetAll_oneOfManyNewStatesThereAlready_onlyThatOneRefused(String database) {
        JdbcPlayStateStore store = Databases.fresh(database(database)).playStateStore();
        List<Write> writes = news(N);
        Write first = writes.get(1_234);
        PlayState before = new PlayState(1, PlayState.Status.OPEN, 7, T0, T0, new long[] {T0});
        assertThat(store.compareAndSet(first.account(), first.playbookId(), 0, before)).isTrue();

        boolean[] ok = store.compareAndSetAll(writes);

        for (int i = 0; i < N; i++) {
            assertThat(ok[i]).as("write %d", i).isEqualTo(i != 1_234);
        }
        Map<String, PlayState> read = all(store);
        assertThat(read).hasSize(N);
        assertThat(read.get(first.account().value() + "/" + first.playbookId())).isEqualTo(before);
        assertThat(read.get("bulk-7/onboarding")).isEqualTo(writes.get(7).next());
    }

    /** In a transaction the rows go in at the commit (COPY on PostgreSQL): a row another writer made meanwhile rolls all back. */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void inTransaction_anotherWriterInsertedOneRowBeforeTheCommit_nothingOfTheTransactionIsKept(String database) {
        DataSource ds = database(database);
        CsJdbc db = Databases.fresh(ds);
        JdbcPlayStateStore store = db.playStateStore();
        JdbcPlayStateStore other = CsJdbc.builder().dataSource(ds).tablePrefix(db.tablePrefix()).build().playStateStore();
        List<Write> writes = news(N);
        Write contested = writes.get(N - 1);
        PlayState theirs = new PlayState(1, PlayState.Status.OPEN, 9, T0, T0, new long[] {T0});

        assertThatThrownBy(() -> db.inTransaction(() -> {
            assertThat(store.compareAndSetAll(writes)).doesNotContain(false);
            // Another engine (its own transaction) commits the same account and playbook first.
            assertThat(other.compareAndSet(contested.account(), contested.playbookId(), 0, theirs)).isTrue();
            return null;
        })).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("the play state of account '" + contested.account().value() + "', playbook '"
                        + contested.playbookId() + "'")
                .hasMessageContaining("was changed by another transaction after this one read it at version 0")
                .hasRootCauseInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) rootCause(e)).getSQLState()).isEqualTo("40001"));

        assertThat(all(store)).containsOnlyKeys(contested.account().value() + "/" + contested.playbookId())
                .containsValue(theirs);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
