package org.cskit.flink;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

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
 * CsFlink.nightly(portfolio, definitions, asOf).sinkTo(tasksByKey);
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
     * The nightly run over a bounded portfolio: every account's observations, derived, scored and
     * evaluated once as of {@code asOf}. Meant for {@code RuntimeExecutionMode.BATCH}, where Flink
     * sorts the records by account and needs no checkpoints. Play state starts empty and is not
     * kept after the run, so every situation that holds is offered, under this run's key; carrying
     * state from one run to the next is not supported yet.
     *
     * @param portfolio the accounts' observations (and events) up to {@code asOf}
     * @param definitions the definitions
     * @param asOf the run's as-of time
     * @return the plays made
     */
    public static SingleOutputStreamOperator<PlayRecord> nightly(DataStream<AccountInput> portfolio, CsDefinitions definitions, Instant asOf) {
        return portfolio.keyBy(in -> in.accountId, Types.STRING).process(CsPlaybookFunction.once(definitions, asOf), TYPE)
                .uid(OPERATOR_UID).name("cskit nightly");
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
