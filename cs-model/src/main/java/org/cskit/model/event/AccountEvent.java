package org.cskit.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import org.cskit.model.AccountId;

/**
 * Something that happened to an account at a time. The set of events is closed (a sealed
 * interface) so that a {@code switch} over them is exhaustive. Implementations are immutable and
 * thread-safe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MilestoneAchieved.class, name = "MILESTONE_ACHIEVED"),
    @JsonSubTypes.Type(value = MilestoneMissed.class, name = "MILESTONE_MISSED"),
    @JsonSubTypes.Type(value = ChampionChanged.class, name = "CHAMPION_CHANGED"),
    @JsonSubTypes.Type(value = ExecutiveSponsorChanged.class, name = "EXECUTIVE_SPONSOR_CHANGED"),
    @JsonSubTypes.Type(value = PlanRevised.class, name = "PLAN_REVISED"),
    @JsonSubTypes.Type(value = LifecycleStageChanged.class, name = "LIFECYCLE_STAGE_CHANGED"),
    @JsonSubTypes.Type(value = ContractRenewed.class, name = "CONTRACT_RENEWED"),
    @JsonSubTypes.Type(value = DetractorResponded.class, name = "DETRACTOR_RESPONDED")
})
public sealed interface AccountEvent
        permits MilestoneAchieved, MilestoneMissed, ChampionChanged, ExecutiveSponsorChanged, PlanRevised,
                LifecycleStageChanged, ContractRenewed, DetractorResponded {

    /**
     * The account the event happened to.
     *
     * @return the account's id
     */
    AccountId accountId();

    /**
     * When the event happened.
     *
     * @return the time
     */
    Instant occurredAt();
}
