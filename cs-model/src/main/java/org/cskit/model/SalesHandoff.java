package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What sales promised when the deal closed, handed to customer success: the use case, the promised
 * outcome and how the customer wants to be engaged, the stakeholders sales worked with, and the
 * risks sales saw. It is the seed of the first plan ({@link #draftPlan}). Immutable and thread-safe.
 *
 * <p>Rules: {@code useCase} is not blank; the promised outcome's deadline is not before the
 * handoff. The account checks that it belongs to it and that the people it names are its own.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSalesHandoff.class)
@JsonDeserialize(builder = SalesHandoff.Builder.class)
public abstract class SalesHandoff {
    // Only the generated implementation extends this type.
    SalesHandoff() {}

    /**
     * The account handed over.
     *
     * @return the account's id
     */
    @JsonProperty("accountId")
    public abstract AccountId accountId();

    /**
     * The day customer success took the account over (UTC).
     *
     * @return the day
     */
    @JsonProperty("handedOverOn")
    public abstract LocalDate handedOverOn();

    /**
     * What the customer bought the product for, in their words; becomes the plan's purpose.
     *
     * @return the use case
     */
    @JsonProperty("useCase")
    public abstract String useCase();

    /**
     * The measurable result sales promised, with its metric, target and deadline.
     *
     * @return the promised outcome
     */
    @JsonProperty("promisedOutcome")
    public abstract RequiredOutcome promisedOutcome();

    /**
     * How the customer wants to be engaged on the way.
     *
     * @return the appropriate experience
     */
    @JsonProperty("appropriateExperience")
    public abstract AppropriateExperience appropriateExperience();

    /**
     * The customer's people sales worked with; each must be a stakeholder of the account.
     *
     * @return their ids
     */
    @JsonProperty("stakeholders")
    public abstract List<PersonId> stakeholders();

    /**
     * What sales saw that may keep the customer from the outcome; they become the draft plan's risks.
     *
     * @return the risk flags
     */
    @JsonProperty("riskFlags")
    public abstract List<Risk> riskFlags();

    /**
     * The seller, if named; must be on the account team.
     *
     * @return the seller's id
     */
    @JsonProperty("soldBy")
    public abstract Optional<PersonId> soldBy();

    /**
     * Turns the handoff into a {@link PlanStatus#DRAFT DRAFT} plan: the template's milestones,
     * metrics, owners and cadence ({@link PlanTemplate#instantiate}), with the use case as its
     * purpose, the promised outcome as its desired outcome and the risk flags as its risks.
     *
     * @param account the account, which must be the handoff's
     * @param template the segment's template
     * @param id the plan's id
     * @return the draft plan
     * @throws ValidationException if the account is another one, or the plan breaks a rule
     */
    public SuccessPlan draftPlan(Account account, PlanTemplate template, PlanId id) {
        if (!account.id().equals(accountId())) {
            throw Validate.invalid("account", "the handoff of account '" + accountId() + "' cannot draft a plan for account '"
                    + account.id() + "'");
        }
        SuccessPlan plan = template.instantiate(account, id, DesiredOutcome.of(promisedOutcome(), appropriateExperience()));
        List<Risk> risks = new ArrayList<>(plan.risks());
        risks.addAll(riskFlags());
        return SuccessPlan.builder().from(plan).purpose(useCase()).risks(risks).build();
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("useCase", useCase());
        if (promisedOutcome().deadline().isBefore(handedOverOn())) {
            throw Validate.invalid("promisedOutcome.deadline", "promised outcome deadline " + promisedOutcome().deadline()
                    + " is before the handoff on " + handedOverOn());
        }
    }

    /**
     * Starts a handoff.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SalesHandoff}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableSalesHandoff.Builder {
        Builder() {}
    }
}
