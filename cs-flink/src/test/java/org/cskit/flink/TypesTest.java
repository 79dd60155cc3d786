package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.cskit.flink.internal.PendingWork;
import org.cskit.flink.internal.SignalSeries;
import org.cskit.flink.internal.StoredPlayState;
import org.cskit.flink.internal.VectorHistory;
import org.junit.jupiter.api.Test;

/** Every record and state type is a Flink POJO: serialised field by field by Flink, never by Kryo. */
class TypesTest {
    @Test
    void typeInformation_everyRecordAndStateType_isAPojo() {
        for (Class<?> type : List.of(AccountInput.class, PlayRecord.class, AccountState.class, StoredPlayState.class, SignalSeries.class, VectorHistory.class,
                PendingWork.class,
                org.cskit.flink.internal.Profiles.class)) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }
}
