package org.cskit.flink;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.cskit.flink.internal.PendingWork;
import org.cskit.flink.internal.Pipeline;
import org.cskit.flink.internal.SignalSeries;
import org.cskit.flink.internal.VectorHistory;
import org.cskit.model.AccountId;
import org.cskit.model.Validate;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.json.CsJson;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;

/**
 * cskit's keyed operator: per account (the key), the observations its features read, its latest
 * vector and score history, and its play state, all in Flink keyed state; emits the plays made and
 * closed as {@link PlayRecord}s. The {@link CsDefinitions} are compiled once per task, in
 * {@link #open}. Use it through {@link CsFlink#plays} or {@link CsFlink#nightly}, which key the
 * stream and name the operator's uid.
 *
 * <p><b>When it evaluates.</b> Every evaluation happens in an event-time timer, so that an
 * account's evaluations run in time order whatever order its records arrive in, and give the same
 * plays on every run and after every restore:
 * <ul>
 *   <li>streaming ({@link #daily}): a record of observations asks for a full evaluation at the end
 *       of the UTC day of its latest observation (the next midnight; an observation at midnight
 *       exactly is evaluated then), as of that time; an event is evaluated at its own time, with
 *       every playbook, its features as of then and the last vector standing (an event does not
 *       score). At one time the full evaluation comes first, then the events in arrival order;
 *   <li>nightly ({@link #once}): one full evaluation of every account at the run's as-of time; an
 *       observation after it is refused.
 * </ul>
 * A full evaluation derives the features from the observations up to its time, scores them (band
 * hysteresis from the last vector, direction and velocity from the scores within the scorecard's
 * direction lookback) and runs every playbook. Observations older than the longest span a feature
 * reads are deleted at each full evaluation, and scores older than the direction lookback.
 *
 * <p><b>State per account</b>: per signal, its observations within the features' lookback (a time
 * and a value, 16 bytes each); the scores (with their times) within the direction lookback and the
 * latest vector; the pending timers' work; and per playbook with something to remember its
 * {@link KeyedPlayStateStore} entry; besides the state backend's overhead per entry. The README
 * gives the size of a checkpoint per account, measured by {@code StateSizeTest}.
 *
 * <p><b>Bad input</b> fails the task with a {@link org.cskit.model.ValidationException} naming the
 * record's field, the value and the rule, before anything of the record is kept.
 */
public final class CsPlaybookFunction extends KeyedProcessFunction<String, AccountInput, PlayRecord> {
    private static final long serialVersionUID = 1L;
    private static final long DAY = 86_400_000L;
    /** Marks {@link #asOf} as "evaluate daily". */
    private static final long DAILY = Long.MIN_VALUE;

    private final CsDefinitions definitions;
    private final long asOf;

    private transient MapState<String, SignalSeries> observations;
    private transient ValueState<VectorHistory> vectors;
    private transient MapState<Long, PendingWork> pending;
    private transient Pipeline pipeline;
    private transient String currentKey;
    private transient Collector<PlayRecord> out;
    private transient ActionSink sink;
    private transient CsJson json;

    private CsPlaybookFunction(CsDefinitions definitions, long asOf) {
        this.definitions = Validate.present("definitions", definitions);
        this.asOf = asOf;
    }

    /**
     * The streaming operator: evaluates each account at the end of every UTC day it had
     * observations, and at each event.
     *
     * @param definitions the definitions
     * @return the function
     */
    public static CsPlaybookFunction daily(CsDefinitions definitions) {
        return new CsPlaybookFunction(definitions, DAILY);
    }

    /**
     * The nightly operator: evaluates each account once, as of {@code asOf}.
     *
     * @param definitions the definitions
     * @param asOf the run's as-of time
     * @return the function
     */
    public static CsPlaybookFunction once(CsDefinitions definitions, Instant asOf) {
        return new CsPlaybookFunction(definitions, Validate.present("asOf", asOf).toEpochMilli());
    }

    @Override
    public void open(OpenContext context) throws Exception {
        observations = getRuntimeContext().getMapState(new MapStateDescriptor<>("cskit-observations", Types.STRING,
                TypeInformation.of(SignalSeries.class)));
        vectors = getRuntimeContext().getState(new ValueStateDescriptor<>("cskit-vectors", TypeInformation.of(VectorHistory.class)));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("cskit-pending", Types.LONG,
                TypeInformation.of(PendingWork.class)));
        MapState<String, org.cskit.flink.internal.StoredPlayState> plays = getRuntimeContext().getMapState(KeyedPlayStateStore.descriptor());
        pipeline = definitions.compile(ids -> new KeyedPlayStateStore(plays,
                KeyedPlayStateStore.KeyScope.currentKeyOnly(() -> currentKey), ids));
        json = CsJson.create();
        sink = new ActionSink() {
            @Override
            public void deliver(PlayHandle play) {
                out.collect(record(play, false));
            }

            @Override
            public void closed(PlayHandle play) {
                out.collect(record(play, true));
            }
        };
    }

    private static PlayRecord record(PlayHandle h, boolean closed) {
        return new PlayRecord(h.key(), h.accountId().value(), h.playbookId(), h.situation(), h.at().toEpochMilli(), h.reminder(), closed);
    }

    @Override
    public void processElement(AccountInput in, Context ctx, Collector<PlayRecord> collector) throws Exception {
        String key = ctx.getCurrentKey();
        if (in.accountId == null || !in.accountId.equals(key)) {
            throw Validate.invalid("accountId", "accountId '" + in.accountId + "' is not the record's key '" + key + "'");
        }
        if ((in.signal == null) == (in.event == null)) {
            throw Validate.invalid("signal", "a record of account '" + key + "' must carry either a signal or an event, but had "
                    + (in.signal == null ? "neither" : "both"));
        }
        long at;
        if (in.signal != null) {
            check(in);
            SignalSeries s = observations.get(in.signal);
            observations.put(in.signal, (s == null ? new SignalSeries() : s).merge(in.times, in.values, Long.MIN_VALUE));
            long latest = in.times[in.times.length - 1];
            at = asOf == DAILY ? Math.floorDiv(latest + DAY - 1, DAY) * DAY : asOf;
            PendingWork w = work(at);
            w.evaluate = true;
            pending.put(at, w);
        } else {
            AccountEvent event = readEvent(in);
            if (!event.accountId().value().equals(key)) {
                throw Validate.invalid("event.accountId", "the event is of account '" + event.accountId().value() + "', not of the record's '"
                        + key + "'");
            }
            at = event.occurredAt().toEpochMilli();
            if (asOf != DAILY && at > asOf) {
                throw Validate.invalid("event.occurredAt", "event of account '" + key + "' at " + event.occurredAt()
                        + " is after the run's as-of time " + Instant.ofEpochMilli(asOf));
            }
            PendingWork w = work(at);
            String[] events = w.events == null ? new String[0] : w.events;
            w.events = java.util.Arrays.copyOf(events, events.length + 1);
            w.events[events.length] = in.event;
            pending.put(at, w);
        }
        ctx.timerService().registerEventTimeTimer(at);
    }

    private PendingWork work(long at) throws Exception {
        PendingWork w = pending.get(at);
        return w == null ? new PendingWork() : w;
    }

    private void check(AccountInput in) {
        String where = "account '" + in.accountId + "' signal '" + in.signal + "'";
        if (in.times == null || in.values == null || in.times.length == 0 || in.times.length != in.values.length) {
            throw Validate.invalid("times", where + " has " + (in.times == null ? "no" : in.times.length) + " times and "
                    + (in.values == null ? "no" : in.values.length) + " values; give at least one time and one value per time");
        }
        for (int i = 0; i < in.times.length; i++) {
            if (i > 0 && in.times[i] < in.times[i - 1]) {
                throw Validate.invalid("times[" + i + "]", where + " time " + in.times[i] + " comes before times[" + (i - 1) + "] "
                        + in.times[i - 1] + "; times must be oldest first");
            }
            if (!Double.isFinite(in.values[i])) {
                throw Validate.invalid("values[" + i + "]", where + " value " + in.values[i] + " is not finite");
            }
        }
        if (asOf != DAILY && in.times[in.times.length - 1] > asOf) {
            throw Validate.invalid("times[" + (in.times.length - 1) + "]", where + " observation at "
                    + Instant.ofEpochMilli(in.times[in.times.length - 1]) + " is after the run's as-of time " + Instant.ofEpochMilli(asOf));
        }
    }

    private AccountEvent readEvent(AccountInput in) {
        try {
            return json.read(in.event, AccountEvent.class);
        } catch (IllegalArgumentException e) {
            throw Validate.invalid("event", "the event of account '" + in.accountId + "' does not read as an event: " + e.getMessage());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlayRecord> collector) throws Exception {
        PendingWork w = pending.get(timestamp);
        if (w == null) {
            return;
        }
        pending.remove(timestamp);
        currentKey = ctx.getCurrentKey();
        out = collector;
        AccountId account = AccountId.of(currentKey);
        Map<String, SignalSeries> series = new HashMap<>();
        for (Map.Entry<String, SignalSeries> e : observations.entries()) {
            series.put(e.getKey(), e.getValue());
        }
        VectorHistory history = vectors.value();
        if (w.evaluate) {
            vectors.update(pipeline.evaluate(account, series, history, timestamp, null, sink));
            long before = timestamp - pipeline.lookbackMillis();
            for (Map.Entry<String, SignalSeries> e : series.entrySet()) {
                SignalSeries kept = e.getValue().pruned(before);
                if (kept.times.length == 0) {
                    observations.remove(e.getKey());
                } else if (kept != e.getValue()) {
                    observations.put(e.getKey(), kept);
                }
            }
            history = vectors.value();
        }
        if (w.events != null) {
            for (String text : w.events) {
                pipeline.evaluate(account, series, history, timestamp, json.read(text, AccountEvent.class), sink);
            }
        }
    }
}
