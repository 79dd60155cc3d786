package org.cskit.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.cskit.model.Validate;

/**
 * cskit's keyed operator: per account (the key), the observations its features read, its latest
 * vector and score history, and its play state, all in Flink keyed state; emits the plays made and
 * closed as {@link PlayRecord}s. The {@link CsDefinitions} are compiled once per task, in
 * {@link #open}. Use it through {@link CsFlink#plays}, which keys the stream and names the
 * operator's uid; the nightly job ({@link CsFlink#nightly}) runs the same evaluation as a two-input
 * operator that also reads and writes {@link AccountState}s.
 *
 * <p><b>When it evaluates.</b> Every evaluation happens in an event-time timer, so that an
 * account's evaluations run in time order whatever order its records arrive in, and give the same
 * plays on every run and after every restore:
 * <ul>
 *   <li>streaming ({@link #daily}): a record of observations asks for a full evaluation at the end
 *       of the UTC day of its latest observation (the next midnight; an observation at midnight
 *       exactly is evaluated then), as of that time; an event is evaluated at its own time, with
 *       the playbooks it starts only (as {@code PlaybookEngine.onEvent} does; an event no playbook
 *       starts is checked and not kept), its features as of then and the last vector standing. An
 *       event does not score: the scorecard reads only features derived from signals, which no
 *       event carries, and the stage comes from profiles, not from {@code LIFECYCLE_STAGE_CHANGED}
 *       events. At one time the full evaluation comes first, then the events in arrival order;
 *   <li>nightly ({@link CsFlink#nightly}): one full evaluation of every account with observations
 *       at the run's as-of time, its events at their times before it; an observation or event after
 *       it is refused.
 * </ul>
 * A full evaluation derives the features from the observations up to its time, scores them (band
 * hysteresis from the last vector, direction and velocity from the scores within the scorecard's
 * direction lookback) and runs every playbook. Observations older than the longest span a feature
 * reads are deleted at each full evaluation, and scores older than the direction lookback.
 *
 * <p><b>State per account</b>: per signal, its observations within the features' lookback (a time
 * and a value, 16 bytes each); the scores (with their times) within the direction lookback and the
 * latest vector; the profiles from the one in effect at the last full evaluation on; the pending
 * timers' work; and per playbook with something to remember its
 * {@link KeyedPlayStateStore} entry; besides the state backend's overhead per entry. The README
 * gives the size of a checkpoint per account, measured by {@code StateSizeTest}.
 *
 * <p><b>Bad input</b> fails the task with a {@link org.cskit.model.ValidationException} naming the
 * record's field, the value and the rule, before anything of the record is kept.
 */
public final class CsPlaybookFunction extends KeyedProcessFunction<String, AccountInput, PlayRecord> {
    private static final long serialVersionUID = 1L;

    private final CsDefinitions definitions;
    private transient AccountKeeper keeper;

    private CsPlaybookFunction(CsDefinitions definitions) {
        this.definitions = Validate.present("definitions", definitions);
    }

    /**
     * The streaming operator: evaluates each account at the end of every UTC day it had
     * observations, and at each event.
     *
     * @param definitions the definitions
     * @return the function
     */
    public static CsPlaybookFunction daily(CsDefinitions definitions) {
        return new CsPlaybookFunction(definitions);
    }

    @Override
    public void open(OpenContext context) throws Exception {
        keeper = new AccountKeeper(getRuntimeContext(), definitions, AccountKeeper.DAILY);
    }

    @Override
    public void processElement(AccountInput in, Context ctx, Collector<PlayRecord> collector) throws Exception {
        long at = keeper.add(ctx.getCurrentKey(), in);
        if (at != AccountKeeper.NO_TIMER) {
            ctx.timerService().registerEventTimeTimer(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlayRecord> collector) throws Exception {
        keeper.fire(ctx.getCurrentKey(), timestamp, collector);
    }
}
