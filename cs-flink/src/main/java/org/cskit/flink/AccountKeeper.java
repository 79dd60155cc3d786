package org.cskit.flink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.cskit.flink.internal.PendingWork;
import org.cskit.flink.internal.Pipeline;
import org.cskit.flink.internal.Profiles;
import org.cskit.flink.internal.SignalSeries;
import org.cskit.flink.internal.StoredPlayState;
import org.cskit.flink.internal.VectorHistory;
import org.cskit.model.AccountId;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Validate;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.json.CsJson;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayState;

/**
 * One task's keyed state and compiled definitions, shared by the streaming and the nightly
 * function: takes an account's records into keyed state (checked first, nothing kept of a bad one),
 * evaluates in timers, and for the nightly job reads and writes an {@link AccountState}. Made in a
 * function's {@code open()}; used from the task's thread only.
 */
final class AccountKeeper {
    /** Marks the keeper as streaming: evaluate at the end of each day. */
    static final long DAILY = Long.MIN_VALUE;
    private static final long DAY = 86_400_000L;

    private final long asOf;
    private final MapState<String, SignalSeries> observations;
    private final ValueState<VectorHistory> vectors;
    private final MapState<Long, PendingWork> pending;
    private final MapState<String, StoredPlayState> plays;
    private final ValueState<Profiles> profiles;
    private final Pipeline pipeline;
    private final Map<String, Integer> segmentCodes = new HashMap<>();
    private final CsJson json = CsJson.create();
    private final ActionSink sink;
    private String currentKey;
    private Collector<PlayRecord> out;

    AccountKeeper(RuntimeContext context, CsDefinitions definitions, long asOf) {
        this.asOf = asOf;
        observations = context.getMapState(new MapStateDescriptor<>("cskit-observations", Types.STRING,
                TypeInformation.of(SignalSeries.class)));
        vectors = context.getState(new ValueStateDescriptor<>("cskit-vectors", TypeInformation.of(VectorHistory.class)));
        pending = context.getMapState(new MapStateDescriptor<>("cskit-pending", Types.LONG, TypeInformation.of(PendingWork.class)));
        plays = context.getMapState(KeyedPlayStateStore.descriptor());
        profiles = context.getState(new ValueStateDescriptor<>("cskit-profiles", TypeInformation.of(Profiles.class)));
        pipeline = definitions.compile(ids -> new KeyedPlayStateStore(plays, KeyedPlayStateStore.KeyScope.currentKeyOnly(() -> currentKey),
                ids));
        for (int i = 0; i < pipeline.segments().size(); i++) {
            segmentCodes.put(pipeline.segments().get(i).name(), i);
        }
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

    /**
     * Checks a record and keeps it for the evaluation it asks for.
     *
     * @return the time of the timer to register, or {@link #NO_TIMER}
     */
    long add(String key, AccountInput in) throws Exception {
        if (in.accountId == null || !in.accountId.equals(key)) {
            throw Validate.invalid("accountId", "accountId '" + in.accountId + "' is not the record's key '" + key + "'");
        }
        List<String> kinds = new ArrayList<>(3);
        if (in.signal != null) {
            kinds.add("a signal");
        }
        if (in.event != null) {
            kinds.add("an event");
        }
        if (in.isProfile()) {
            kinds.add("a profile");
        }
        if (kinds.size() != 1) {
            throw Validate.invalid("signal", "a record of account '" + key + "' must carry one of a signal, an event and a profile, but had "
                    + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
        }
        long at;
        if (in.isProfile()) {
            return profile(key, in);
        } else if (in.signal != null) {
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
            if (!pipeline.startsAny(event)) {
                return NO_TIMER; // checked; no playbook starts on it, so evaluating it could change nothing
            }
            PendingWork w = work(at);
            String[] events = w.events == null ? new String[0] : w.events;
            w.events = Arrays.copyOf(events, events.length + 1);
            w.events[events.length] = in.event;
            pending.put(at, w);
            if (asOf != DAILY && at != asOf) {
                pending.put(asOf, work(asOf)); // the night's end writes the account's state
            }
        }
        return at;
    }

    /** Keeps a profile; an evaluation at or after its time uses it. Streaming: asks for no evaluation of its own. */
    private long profile(String key, AccountInput in) throws Exception {
        String where = "the profile of account '" + key + "'";
        if (in.segment == null || in.stage == null) {
            throw Validate.invalid(in.segment == null ? "segment" : "stage", where + " has no " + (in.segment == null ? "segment" : "stage")
                    + "; a profile names both");
        }
        Integer code = segmentCodes.get(in.segment);
        if (code == null) {
            throw Validate.invalid("segment", where + " names segment '" + in.segment + "', which the definitions do not declare; they declare "
                    + String.join(", ", segmentCodes.keySet().stream().sorted().toList()));
        }
        if (asOf != DAILY && in.eventTime > asOf) {
            throw Validate.invalid("eventTime", where + " at " + Instant.ofEpochMilli(in.eventTime) + " is after the run's as-of time "
                    + Instant.ofEpochMilli(asOf));
        }
        profiles.update(Profiles.with(profiles.value(), in.eventTime, code.byteValue(), (byte) in.stage.ordinal()));
        if (asOf == DAILY) {
            return NO_TIMER;
        }
        PendingWork w = work(asOf); // the nightly job evaluates every account with a record tonight, profile alone included
        w.evaluate = true;
        pending.put(asOf, w);
        return asOf;
    }

    /** What {@link #add} returns for a record that asks for no evaluation. */
    static final long NO_TIMER = Long.MIN_VALUE;

    /**
     * Checks yesterday's state of the account and makes it the account's (nightly only).
     *
     * @return the time of the timer to register: the run's as-of time
     */
    long load(String key, AccountState s) throws Exception {
        String where = "the state of account '" + key + "'";
        if (s.accountId == null || !s.accountId.equals(key)) {
            throw Validate.invalid("state.accountId", "state accountId '" + s.accountId + "' is not the record's key '" + key + "'");
        }
        String formatProblem = AccountState.formatProblem(s.format);
        if (formatProblem != null) {
            throw Validate.invalid("state.format", where + ": " + formatProblem);
        }
        if (s.night > asOf) {
            throw Validate.invalid("state.night", where + " is from the night as of " + Instant.ofEpochMilli(s.night)
                    + ", after this run's as-of time " + Instant.ofEpochMilli(asOf) + "; give the state of an earlier night");
        }
        int n = s.playbookIds == null ? 0 : s.playbookIds.length;
        if (n != (s.plays == null ? 0 : s.plays.length)) {
            throw Validate.invalid("state.plays", where + " has " + n + " playbook ids and " + (s.plays == null ? 0 : s.plays.length)
                    + " play states; give one play state per playbook id");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (s.playbookIds[i] == null || !seen.add(s.playbookIds[i])) {
                throw Validate.invalid("state.playbookIds[" + i + "]", where + " has playbook id " + s.playbookIds[i]
                        + " at " + i + (s.playbookIds[i] == null ? "" : " twice") + "; give each playbook's state once");
            }
            StoredPlayState p = s.plays[i];
            if (p == null || p.version < 1 || p.status < 0 || p.status >= PlayState.Status.values().length) {
                throw Validate.invalid("state.plays[" + i + "]", where + " has play state " + describe(p) + " for playbook '"
                        + s.playbookIds[i] + "'; a stored state has version >= 1 and a status code below "
                        + PlayState.Status.values().length);
            }
            try {
                p.toPlayState();
            } catch (org.cskit.model.ValidationException e) {
                throw Validate.invalid("state.plays[" + i + "]." + e.field(), where + ", playbook '" + s.playbookIds[i] + "': "
                        + e.getMessage());
            }
        }
        VectorHistory v = s.vectors;
        if (v != null && (v.times == null || v.scores == null || v.times.length == 0 || v.times.length != v.scores.length)) {
            throw Validate.invalid("state.vectors", where + " has " + (v.times == null ? 0 : v.times.length) + " score times and "
                    + (v.scores == null ? 0 : v.scores.length) + " scores; give at least one, one score per time");
        }
        PendingWork w = work(asOf);
        if (w.carried) {
            throw Validate.invalid("state.accountId", "account '" + key + "' has two states; give one state record per account");
        }
        w.carried = true;
        pending.put(asOf, w);
        for (int i = 0; i < n; i++) {
            plays.put(s.playbookIds[i], s.plays[i]);
        }
        if (v != null) {
            vectors.update(v);
        }
        return asOf;
    }

    private static String describe(StoredPlayState p) {
        return p == null ? "null" : "version " + p.version + " status " + p.status;
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

    /** Does the work due at {@code timestamp}, emitting plays into {@code collector}. */
    void fire(String key, long timestamp, Collector<PlayRecord> collector) throws Exception {
        PendingWork w = pending.get(timestamp);
        if (w == null) {
            return;
        }
        pending.remove(timestamp);
        if (!w.evaluate && w.events == null) {
            return;
        }
        currentKey = key;
        out = collector;
        AccountId account = AccountId.of(key);
        Map<String, SignalSeries> series = new HashMap<>();
        for (Map.Entry<String, SignalSeries> e : observations.entries()) {
            series.put(e.getKey(), e.getValue());
        }
        VectorHistory history = vectors.value();
        Profiles p = profiles.value();
        int profile = Profiles.at(p, timestamp);
        int segment = profile < 0 ? 0 : p.segments[profile];
        LifecycleStage stage = profile < 0 ? Pipeline.STAGE : LifecycleStage.values()[p.stages[profile]];
        if (w.evaluate) {
            vectors.update(pipeline.evaluate(account, segment, stage, series, history, timestamp, null, sink));
            if (profile > 0) {
                profiles.update(Profiles.prunedBefore(p, timestamp));
            }
            if (asOf == DAILY) { // the nightly job's state ends with the night: nothing to prune
                prune(series, timestamp - pipeline.lookbackMillis());
            }
            history = vectors.value();
        }
        if (w.events != null) {
            for (String text : w.events) {
                pipeline.evaluate(account, segment, stage, series, history, timestamp, json.read(text, AccountEvent.class), sink);
            }
        }
    }

    /** Deletes the observations at or before {@code before}: no feature reads them again. */
    private void prune(Map<String, SignalSeries> series, long before) throws Exception {
        for (Map.Entry<String, SignalSeries> e : series.entrySet()) {
            SignalSeries kept = e.getValue().pruned(before);
            if (kept.times.length == 0) {
                observations.remove(e.getKey());
            } else if (kept != e.getValue()) {
                observations.put(e.getKey(), kept);
            }
        }
    }

    /**
     * The account's state after the night (the nightly job's as-of time), or null if it has nothing to remember.
     *
     * @param key the account
     */
    AccountState state(String key) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String id : plays.keys()) {
            ids.add(id);
        }
        VectorHistory v = vectors.value();
        if (ids.isEmpty() && v == null) {
            return null;
        }
        ids.sort(null);
        AccountState s = new AccountState();
        s.format = AccountState.FORMAT;
        s.accountId = key;
        s.night = asOf;
        s.playbookIds = ids.toArray(String[]::new);
        s.plays = new StoredPlayState[ids.size()];
        for (int i = 0; i < s.plays.length; i++) {
            s.plays[i] = plays.get(ids.get(i));
        }
        s.vectors = v;
        return s;
    }
}
