package org.cskit.flink;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.cskit.model.Validate;

/**
 * The nightly job's operator, keyed by account: the night's records (first input) and yesterday's
 * {@link AccountState}s (second input) go into keyed state; at the run's as-of time each account
 * with observations or a profile is evaluated once (its events at their own times before that), and every
 * account's state after the night leaves through {@link #STATE}. In BATCH mode Flink hands an
 * operator all of a key's records of both inputs before that key's timers fire, so yesterday's
 * state is in place before the account is evaluated. An account with observations or a profile
 * tonight is evaluated.
 */
final class NightlyFunction extends KeyedCoProcessFunction<String, AccountInput, AccountState, PlayRecord> {
    private static final long serialVersionUID = 1L;
    /** Where each account's state after the night goes. */
    static final OutputTag<AccountState> STATE = new OutputTag<>("cskit-state", TypeInformation.of(AccountState.class));

    private final CsDefinitions definitions;
    private final long asOf;
    private transient AccountKeeper keeper;

    NightlyFunction(CsDefinitions definitions, Instant asOf) {
        this.definitions = Validate.present("definitions", definitions);
        this.asOf = Validate.present("asOf", asOf).toEpochMilli();
    }

    @Override
    public void open(OpenContext context) throws Exception {
        keeper = new AccountKeeper(getRuntimeContext(), definitions, asOf);
    }

    @Override
    public void processElement1(AccountInput in, Context ctx, Collector<PlayRecord> out) throws Exception {
        long at = keeper.add(ctx.getCurrentKey(), in);
        if (at != AccountKeeper.NO_TIMER) {
            ctx.timerService().registerEventTimeTimer(at);
        }
        ctx.timerService().registerEventTimeTimer(asOf);
    }

    @Override
    public void processElement2(AccountState state, Context ctx, Collector<PlayRecord> out) throws Exception {
        ctx.timerService().registerEventTimeTimer(keeper.load(ctx.getCurrentKey(), state));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlayRecord> out) throws Exception {
        keeper.fire(ctx.getCurrentKey(), timestamp, out);
        if (timestamp == asOf) {
            AccountState state = keeper.state(ctx.getCurrentKey());
            if (state != null) {
                ctx.output(STATE, state);
            }
        }
    }
}
