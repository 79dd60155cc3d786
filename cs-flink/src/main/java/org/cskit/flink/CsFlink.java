package org.cskit.flink;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * cskit in an Apache Flink job: the same feature definitions, scorecard and playbooks as the in-JVM
 * engine, as one operator keyed by account. The entry point of cs-flink; stateless and thread-safe.
 *
 * <pre>{@code
 * CsDefinitions definitions = CsDefinitions.of(featuresJson, scorecardJson, playbooksJson);
 * DataStream<AccountInput> inputs = env.fromSource(signals, CsFlink.watermarks(Duration.ofMinutes(5)), "signals");
 * CsFlink.plays(inputs, definitions).sinkTo(tasksByKey);     // streaming: every day, every event
 *
 * env.setRuntimeMode(RuntimeExecutionMode.BATCH);             // the nightly run over a portfolio
 * Nightly night = CsFlink.nightly(portfolio, yesterdaysState, definitions, asOf);
 * night.plays().sinkTo(tasksByKey);
 * night.state().sinkTo(todaysState);                           // read by tomorrow's job
 * }</pre>
 *
 * <p><b>Delivery is at least once, with the idempotency key</b>: the operator's state (plays out,
 * cooldowns, limits) is exactly once through Flink's checkpoints, and a play is made once per
 * situation; after a failure the plays emitted since the last checkpoint are emitted again, under
 * the same {@link PlayRecord#key} (a key is built from the event time of the first offer, never
 * from the wall clock), so a sink that writes by key keeps one of each. This is what the in-JVM
 * engine already promises its {@code ActionSink}, and it works with any sink, where Flink's
 * two-phase-commit sinks would tie delivery to one kind of transactional sink and hold every play
 * back until the next checkpoint completes.
 */
public final class CsFlink {
    /** The uid of the keyed operator: keep it when upgrading a job, so that savepoints restore its state. */
    public static final String OPERATOR_UID = "cskit-playbooks";
    /** The uid of the nightly job's operator. */
    public static final String NIGHTLY_UID = "cskit-nightly";

    private CsFlink() {}

    /**
     * The streaming operator over a stream of observations and events.
     *
     * @param inputs the accounts' records, with event-time timestamps and watermarks
     *     ({@link #watermarks})
     * @param definitions the definitions
     * @return the plays made and closed
     */
    public static SingleOutputStreamOperator<PlayRecord> plays(DataStream<AccountInput> inputs, CsDefinitions definitions) {
        return inputs.keyBy(in -> in.accountId, Types.STRING).process(CsPlaybookFunction.daily(definitions), TYPE)
                .uid(OPERATOR_UID).name("cskit playbooks");
    }

    /**
     * The nightly run over a bounded portfolio, continuing from yesterday's run: every account's
     * observations, derived, scored and evaluated once as of {@code asOf} against yesterday's play
     * state and vector, so a situation that still holds makes no second play, cooldowns and limits
     * hold across nights and a situation that cleared closes its play. Meant for
     * {@code RuntimeExecutionMode.BATCH}, where Flink sorts both inputs by account and needs no
     * checkpoints.
     *
     * <p>An account is evaluated when it has observations or a {@linkplain AccountInput#profile
     * profile} tonight, in the segment and stage of its latest profile (the night's, or one of the
     * records given); its events (at or before {@code asOf}) are evaluated at their own times
     * first. An account with state but no records tonight is not evaluated: its play states and
     * vector pass on to {@link Nightly#state()} as they came. The nightly job keeps no profile
     * between nights: give each account's profile every night. The
     * playbook set may change between nights, as between a savepoint and its restore (see
     * {@link KeyedPlayStateStore}).
     *
     * @param portfolio the accounts' observations (and events) up to {@code asOf}
     * @param yesterday yesterday's {@link Nightly#state()}, as written
     * @param definitions the definitions
     * @param asOf the run's as-of time
     * @return the night's plays and today's state
     * @throws org.cskit.model.ValidationException (failing the job) for a bad record, a state from a
     *     night after {@code asOf}, or two states of one account
     */
    public static Nightly nightly(DataStream<AccountInput> portfolio, DataStream<AccountState> yesterday, CsDefinitions definitions,
            Instant asOf) {
        SingleOutputStreamOperator<PlayRecord> plays = portfolio.keyBy(in -> in.accountId, Types.STRING)
                .connect(yesterday.keyBy(s -> s.accountId, Types.STRING))
                .process(new NightlyFunction(definitions, asOf), TYPE).uid(NIGHTLY_UID).name("cskit nightly");
        return new Nightly(plays, plays.getSideOutput(NightlyFunction.STATE));
    }

    /**
     * The first night of a portfolio: {@link #nightly(DataStream, DataStream, CsDefinitions, Instant)}
     * with no state yet.
     *
     * @param portfolio the accounts' observations (and events) up to {@code asOf}
     * @param definitions the definitions
     * @param asOf the run's as-of time
     * @return the night's plays and today's state
     */
    public static Nightly nightly(DataStream<AccountInput> portfolio, CsDefinitions definitions, Instant asOf) {
        DataStream<AccountState> none = portfolio.getExecutionEnvironment().fromSequence(0, 0)
                .flatMap(new NoState(), TypeInformation.of(AccountState.class)).name("no state yet");
        return nightly(portfolio, none, definitions, asOf);
    }

    /** Makes an empty stream of states from a one-number source (no state comes out of it). */
    private static final class NoState implements FlatMapFunction<Long, AccountState> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(Long ignored, Collector<AccountState> out) {
            // nothing: the first night has no state
        }
    }

    /**
     * Event-time watermarks from the records' own times ({@link AccountInput#timestamp()}).
     *
     * @param outOfOrderness how late a record may come; a record later than that is still kept, and
     *     evaluated with the account's next evaluation
     * @return the strategy
     */
    public static WatermarkStrategy<AccountInput> watermarks(Duration outOfOrderness) {
        return WatermarkStrategy.<AccountInput>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((in, previous) -> in.timestamp());
    }

    private static final TypeInformation<PlayRecord> TYPE = TypeInformation.of(PlayRecord.class);
}
