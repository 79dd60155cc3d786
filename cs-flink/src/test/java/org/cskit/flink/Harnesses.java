package org.cskit.flink;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

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
}
