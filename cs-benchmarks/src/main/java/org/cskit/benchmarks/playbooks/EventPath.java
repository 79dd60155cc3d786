package org.cskit.benchmarks.playbooks;

import static org.cskit.benchmarks.playbooks.Portfolio.*;
import static org.cskit.benchmarks.playbooks.RuleSet.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cskit.model.PersonId;
import org.cskit.model.event.ChampionChanged;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.engine.PlaybookInput;
import org.cskit.playbooks.spi.ActionSink;

/**
 * The incremental path: one {@code CHAMPION_CHANGED} event for one account, against the 50 rules plus
 * 5 rules triggered by that event. Modes:
 * <ul>
 *   <li>{@code cskit}: {@code PlaybookEngine.onEvent}, which evaluates only the playbooks the event
 *       type can start (the 5), reading the account's whole snapshot;</li>
 *   <li>{@code cskitEvaluate}: {@code PlaybookEngine.evaluate} of the same input: all 55 playbooks;</li>
 *   <li>{@code handWritten}: the 5 event rules as if-chains over the columns;</li>
 *   <li>{@code handWrittenEvaluate}: the 50 rules plus the 5 event rules over the columns.</li>
 * </ul>
 * No engine re-evaluates only the rules reading changed fields: cskit indexes by event type only.
 */
public final class EventPath implements Engine {
    public static final String[] MODES = {"cskit", "cskitEvaluate", "handWritten", "handWrittenEvaluate"};

    private final String mode;
    private final PlaybookInput[] events;
    private final Portfolio p;
    private final List<Playbook> playbooks;
    private final ActionSink sink;
    private final Cooldowns cooldowns;
    private final Firings firings;
    private final HandWritten all;
    private PlaybookEngine engine;

    /**
     * @param record whether cskit's sink recovers (account, rule) from each play (the gate)
     */
    public EventPath(String mode, Portfolio p, PlaybookInput[] inputs, int batch, Firings firings, boolean record) {
        this.mode = mode;
        this.p = p;
        this.firings = firings;
        this.cooldowns = new Cooldowns(batch);
        this.all = mode.equals("handWrittenEvaluate") ? new HandWritten(p, cooldowns, firings) : null;
        this.events = inputs == null ? null : withEvents(inputs);
        this.playbooks = new ArrayList<>(RuleSet.playbooks());
        playbooks.addAll(RuleSet.eventPlaybooks());
        this.sink = record ? play -> firings.fire(Portfolio.indexOf(play.accountId()), RuleSet.indexOf(play.playbookId()))
                : play -> firings.fire(0, 0);
        reset(0);
    }

    /** Each account's input with its champion-changed event, built before the timed region. */
    static PlaybookInput[] withEvents(PlaybookInput[] inputs) {
        PlaybookInput[] events = new PlaybookInput[inputs.length];
        Optional<PersonId> before = Optional.of(PersonId.of("champion-1"));
        Optional<PersonId> after = Optional.of(PersonId.of("champion-2"));
        for (int i = 0; i < inputs.length; i++) {
            events[i] = inputs[i].withEvent(new ChampionChanged(inputs[i].snapshot().accountId(), before, after, NOW));
        }
        return events;
    }

    @Override
    public void reset(int base) {
        cooldowns.reset(base);
        if (mode.startsWith("cskit")) {
            engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).store(new InMemoryPlayStateStore()).sink(sink)
                    .build();
        }
    }

    @Override
    public long evaluate(int from, int to) {
        long n = 0;
        switch (mode) {
            case "cskit":
                for (int i = from; i < to; i++) {
                    n += engine.onEvent(events[i]).created().size();
                }
                return n;
            case "cskitEvaluate":
                for (int i = from; i < to; i++) {
                    n += engine.evaluate(events[i]).created().size();
                }
                return n;
            case "handWritten":
                for (int i = from; i < to; i++) {
                    onChampionChanged(i);
                }
                return to - from;
            default:
                for (int i = from; i < to; i++) {
                    onChampionChanged(i);
                }
                return all.evaluate(from, to);
        }
    }

    private void onChampionChanged(int i) {
        byte segment = p.segment[i];
        if (segment == ENTERPRISE || segment == MID_MARKET) {
            double score = p.score[i];
            for (int k = 0; k < EVENT_RULES; k++) {
                if (score < T10[k] && cooldowns.ready(i, RULES + k, NOW_MILLIS)) {
                    cooldowns.record(i, RULES + k, NOW_MILLIS);
                    firings.fire(i, RULES + k);
                }
            }
        }
    }
}
