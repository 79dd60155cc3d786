package org.cskit.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MilestoneId;
import org.cskit.model.Money;
import org.cskit.model.PersonId;
import org.cskit.model.PlanId;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.model.json.CsJson;
import org.junit.jupiter.api.Test;

class AccountEventTypesTest {
    private static final AccountId A = AccountId.of("a");
    private static final Instant AT = Instant.parse("2026-05-01T00:00:00Z");

    @Test
    void typeOf_everyEvent_isItsJsonTypeName() {
        List<AccountEvent> events = List.of(
                new MilestoneAchieved(A, PlanId.of("p"), MilestoneId.of("m"), LocalDate.of(2026, 4, 1), AT),
                new MilestoneMissed(A, PlanId.of("p"), MilestoneId.of("m"), LocalDate.of(2026, 4, 1), AT),
                new ChampionChanged(A, Optional.empty(), Optional.of(PersonId.of("x")), AT),
                new ExecutiveSponsorChanged(A, Optional.of(PersonId.of("x")), Optional.empty(), AT),
                new PlanRevised(A, PlanId.of("p"), 1, 2, "r", AT),
                new LifecycleStageChanged(A, LifecycleStage.ONBOARDING, LifecycleStage.ADOPTION, AT),
                new ContractRenewed(A, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), Money.of("1", "EUR"), AT),
                new DetractorResponded(SurveyResponse.of(A, SurveyKind.CSAT, 1, AT)));
        CsJson json = CsJson.create();

        assertThat(events).extracting(AccountEvents::typeOf).containsExactlyElementsOf(AccountEvents.TYPES);
        for (AccountEvent e : events) {
            assertThat(json.write(e)).contains("\"type\" : \"" + AccountEvents.typeOf(e) + "\"");
        }
    }
}
