package org.cskit.benchmarks.playbooks;

import java.util.List;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.EvaluationResult;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.engine.PlaybookInput;
import org.cskit.playbooks.spi.ActionSink;

/**
 * cskit's {@link PlaybookEngine} with its default {@link InMemoryPlayStateStore} and a sink that
 * counts. {@link #reset} builds the engine again over a fresh store (outside the timed region),
 * so every batch starts, like every peer's, with no plays and no cooldowns.
 */
public final class CskitEngine implements Engine {
    private final PlaybookInput[] inputs;
    private final List<Playbook> playbooks;
    private final ActionSink sink;
    private PlaybookEngine engine;
    private org.cskit.playbooks.spi.EngineListener listener;
    private InMemoryPlayStateStore full;
    private int base;
    private int to;

    public CskitEngine(PlaybookInput[] inputs, List<Playbook> playbooks, Firings firings) {
        this.inputs = inputs;
        this.playbooks = playbooks;
        this.sink = play -> firings.fire(Portfolio.indexOf(play.accountId()), RuleSet.indexOf(play.playbookId()));
        reset(0);
    }

    /** Counting only: the benchmark's sink does not parse ids. */
    public static CskitEngine counting(PlaybookInput[] inputs, List<Playbook> playbooks, Firings firings) {
        return new CskitEngine(inputs, playbooks, firings, play -> firings.fire(0, 0));
    }

    private CskitEngine(PlaybookInput[] inputs, List<Playbook> playbooks, Firings firings, ActionSink sink) {
        this.inputs = inputs;
        this.playbooks = playbooks;
        this.sink = sink;
        reset(0);
    }

    /** Builds every engine from here on with a listener (the {@code ...Observed} modes). */
    CskitEngine observed(org.cskit.playbooks.spi.EngineListener listener) {
        this.listener = listener;
        reset(0);
        return this;
    }

    /**
     * Runs every batch from here on over {@link FullStore#shared()} (the {@code -Dstore=full} mode):
     * {@link #reset} deletes the states the calls since the last reset wrote instead of starting an empty store.
     */
    CskitEngine overFullStore() {
        this.full = FullStore.shared();
        reset(0);
        return this;
    }

    public PlaybookEngine engine() {
        return engine;
    }

    @Override
    public void reset(int base) {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        if (full != null) {
            FullStore.clear(full, this.base, Math.max(this.base, to));
            store = full;
        }
        this.base = base;
        this.to = base;
        PlaybookEngine.Builder b = PlaybookEngine.builder().schema(Portfolio.SCHEMA).playbooks(playbooks)
                .store(store).sink(sink);
        engine = (listener == null ? b : b.listener(listener)).build();
    }

    @Override
    public long evaluate(int from, int to) {
        long n = 0;
        this.base = Math.min(this.base, from);
        this.to = Math.max(this.to, to);
        for (int i = from; i < to; i++) {
            EvaluationResult r = engine.evaluate(inputs[i]);
            n += r.created().size();
        }
        return n;
    }
}
