package org.cskit.flink;

import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** Flink's keyed operator test harness (a real heap keyed state backend, snapshot and restore), generic types disabled. */
final class Harnesses {
    private Harnesses() {}

    static KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> open(
            KeyedProcessFunction<String, AccountInput, PlayRecord> function, OperatorSubtaskState restoreFrom) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), in -> in.accountId, Types.STRING);
        ((org.apache.flink.api.common.serialization.SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    /** The nightly job's operator as of a time: records on input 1, yesterday's states on input 2. */
    static KeyedTwoInputStreamOperatorTestHarness<String, AccountInput, AccountState, PlayRecord> nightly(CsDefinitions definitions,
            Instant asOf) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, AccountInput, AccountState, PlayRecord> h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new NightlyFunction(definitions, asOf)), in -> in.accountId, s -> s.accountId, Types.STRING);
        ((org.apache.flink.api.common.serialization.SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        h.open();
        return h;
    }
}
