package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contract;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Money;
import org.cskit.model.ScorePoint;
import org.cskit.model.Segment;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;
import org.cskit.model.StandardFeatures;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {
    private static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");
    private static final Account ACME = Account.builder().id(AccountId.of("acme")).name("Acme")
            .segment(Segment.of("smb", EngagementModel.TECH_TOUCH)).lifecycleStage(LifecycleStage.ADOPTION)
            .contract(Contract.builder().arr(Money.of("12000", "EUR")).startDate(LocalDate.of(2026, 1, 10))
                    .renewalDate(LocalDate.of(2027, 1, 10)).termMonths(12).build())
            .build();

    @Test
    void assemble_combinesDerivedAndStandardFeatures() {
        SnapshotAssembler assembler = SnapshotAssembler.of(FeatureDeriver.of(List.of(
                FeatureDefinition.of("logins_14d", "login", Aggregate.COUNT, Duration.ofDays(14)))));
        Signal login = Signal.builder().id(SignalId.of("s1")).accountId(ACME.id()).family(SignalFamily.USAGE).name("login")
                .value(1).unit(Signal.COUNT).observedAt(AS_OF.minusSeconds(3600)).source("app").build();

        AccountSnapshot s = assembler.assemble(ACME, List.of(login), AS_OF,
                List.of(ScorePoint.of(AS_OF.minus(Duration.ofDays(7)), 60)), Optional.empty());

        assertThat(s.features().schema()).isEqualTo(assembler.schema());
        assertThat(s.features().value("logins_14d")).hasValue(1.0);
        assertThat(s.features().value(StandardFeatures.HAS_PLAN)).hasValue(0.0);
        // 2026-01-10 to 2026-05-10: 21 + 28 + 31 + 30 + 10 = 120 days.
        assertThat(s.features().value(StandardFeatures.DAYS_SINCE_START)).hasValue(120.0);
        assertThat(s.history()).hasSize(1);
        assertThat(s.segment().name()).isEqualTo("smb");
    }

    @Test
    void of_derivedFeatureWithAStandardName_isRejected() {
        assertThatThrownBy(() -> SnapshotAssembler.of(FeatureDeriver.of(List.of(
                        FeatureDefinition.of(StandardFeatures.ARR, "arr", Aggregate.LAST, Duration.ofDays(30))))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("feature 'contract.arr' is a standard feature; name the derived one otherwise");
    }
}
