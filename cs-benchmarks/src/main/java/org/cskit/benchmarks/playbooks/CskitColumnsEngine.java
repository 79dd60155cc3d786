package org.cskit.benchmarks.playbooks;

import java.util.Arrays;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.LifecycleStage;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;

/**
 * cskit's columnar path: the same {@link PlaybookEngine} and the same 50 playbooks, reading the
 * portfolio's primitive columns through {@link AccountBatch} (no objects per account, like the
 * hand-written floor). The portfolio is cut into slices of one batch ({@link AccountBatch#slice},
 * views, no copies) and the engine is built again over a new, empty {@link InMemoryPlayStateStore}
 * before each batch (outside the timed region), as the peers' {@link Cooldowns} are cleared. The sink counts the play (and, for the gate, records
 * {@code (account, rule)}; the playbook index is the rule index).
 *
 * <p>The accounts' ids are made once per portfolio, outside the timing, and the batch reads them
 * from that array ({@code accountIds(i -> ids[i])}), as a host holds its accounts' ids (and as the
 * object path's inputs already hold them). Until session 8 the batch made each row's id when the
 * engine asked for it ({@code Portfolio::accountId}: a string concatenation and its validation,
 * inside the timed region); PLAYBOOK-RESULTS.md gives what that cost. The hand-written floor and
 * Drools need no ids (their cooldown state is per batch row) and are unchanged.
 */
public final class CskitColumnsEngine implements Engine {
    private final List<Playbook> playbooks;
    private PlaybookEngine engine;
    private final AccountBatch[] slices;
    private final Firings firings;
    private final int batch;
    private int base;
    private org.cskit.playbooks.spi.EngineListener listener;
    private InMemoryPlayStateStore full;

    public CskitColumnsEngine(Portfolio p, List<Playbook> playbooks, int batch, Firings firings) {
        this.playbooks = playbooks;
        this.engine = PlaybookEngine.builder().schema(Portfolio.SCHEMA).playbooks(playbooks).build();
        this.firings = firings;
        this.batch = batch;
        byte[] flat = new byte[p.size];
        Arrays.fill(flat, (byte) Portfolio.FLAT);
        FeatureColumns features = FeatureColumns.builder(Portfolio.SCHEMA, p.size)
                .feature(Portfolio.LOGINS, p.logins).feature(Portfolio.LOGINS_CHANGE, p.loginsChange)
                .feature(Portfolio.USERS_CHANGE, p.usersChange).feature(Portfolio.TICKETS, p.tickets).feature(Portfolio.SEATS, p.seats)
                .feature(Portfolio.NPS, p.nps).feature(Portfolio.RENEWAL, p.renewal).feature(Portfolio.ARR, p.arr)
                .build();
        AccountId[] ids = new AccountId[p.size];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Portfolio.accountId(i);
        }
        AccountBatch all = AccountBatch.builder(features).asOf(Portfolio.NOW).accountIds(i -> ids[i])
                .segments(Arrays.asList(Portfolio.SEGMENTS), p.segment).stage(LifecycleStage.STEADY_STATE)
                .vectors(VectorColumns.builder(p.size).bands(Portfolio.BANDS).scores(p.score).bandCodes(p.band)
                        .directionCodes(p.direction).build())
                .previousVectors(VectorColumns.builder(p.size).bands(Portfolio.BANDS).scores(p.previousScore)
                        .bandCodes(p.previousBand).directionCodes(flat).build())
                .build();
        slices = new AccountBatch[(p.size + batch - 1) / batch];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = all.slice(i * batch, Math.min(p.size, (i + 1) * batch));
        }
    }

    /** Builds every engine from here on with a listener (the {@code ...Observed} modes). */
    CskitColumnsEngine observed(org.cskit.playbooks.spi.EngineListener listener) {
        this.listener = listener;
        reset(base);
        return this;
    }

    /**
     * Runs every batch from here on over {@link FullStore#shared()} (the {@code -Dstore=full} mode):
     * {@link #reset} deletes the previous batch's states instead of starting an empty store.
     */
    CskitColumnsEngine overFullStore() {
        this.full = FullStore.shared();
        reset(base);
        return this;
    }

    public PlaybookEngine engine() {
        return engine;
    }

    @Override
    public void reset(int base) {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        if (full != null) {
            FullStore.clear(full, this.base, Math.min(slices.length * batch, this.base + batch));
            store = full;
        }
        this.base = base;
        PlaybookEngine.Builder b = PlaybookEngine.builder().schema(Portfolio.SCHEMA).playbooks(playbooks).store(store);
        engine = (listener == null ? b : b.listener(listener)).build();
    }

    @Override
    public long evaluate(int from, int to) {
        if (from % batch != 0 || to - from > batch || from < base || to > base + batch) {
            throw new IllegalArgumentException("evaluate one batch after reset(" + base + "): " + from + ".." + to);
        }
        AccountBatch slice = slices[from / batch];
        int offset = from;
        ActionSink sink = play -> firings.fire(offset + play.row(), play.playbookIndex());
        return engine.evaluate(slice, 0, to - from, sink).created();
    }
}
