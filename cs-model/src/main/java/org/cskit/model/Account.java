package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A customer organisation: its segment and lifecycle stage, the attributes that place it in a
 * segment (industry, region, size...), its contract, the people on its side with their roles, the
 * vendor's account team, and its current {@link SuccessPlan}s if it has any: a primary plan, and
 * further plans when the customer pursues an outcome per product or per role. Immutable and
 * thread-safe.
 *
 * <p>Rules, checked when the account is built:
 * <ul>
 *   <li>{@code name} is not blank; attribute keys and values are not blank;</li>
 *   <li>{@code parentId}, when set, is another account's;</li>
 *   <li>person ids are unique across stakeholders and the account team;</li>
 *   <li>at most one stakeholder is the {@link StakeholderRole#CHAMPION champion}, and at most one the
 *       {@link StakeholderRole#EXECUTIVE_SPONSOR executive sponsor};</li>
 *   <li>every success plan belongs to this account, and every person it names (milestone owners,
 *       responsibilities) is a stakeholder or on the account team;</li>
 *   <li>additional plans need a primary plan, and plan ids are unique across the account's plans;</li>
 *   <li>the handoff belongs to this account, names stakeholders of it and a seller on its team.</li>
 * </ul>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAccount.class)
@JsonDeserialize(builder = Account.Builder.class)
public abstract class Account {
    // Only the generated implementation extends this type.
    Account() {}


    /**
     * Identifies the account.
     *
     * @return the id
     */
    @JsonProperty("id")
    public abstract AccountId id();

    /**
     * The customer's name.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The segment the account belongs to.
     *
     * @return the segment
     */
    @JsonProperty("segment")
    public abstract Segment segment();

    /**
     * Where the account stands in its life with the vendor.
     *
     * @return the lifecycle stage
     */
    @JsonProperty("lifecycleStage")
    public abstract LifecycleStage lifecycleStage();

    /**
     * The attributes that place the account in a segment, such as {@code industry=FinTech} or
     * {@code region=EMEA}.
     *
     * @return the attributes, in the order given; may be empty
     */
    @JsonProperty("attributes")
    public abstract Map<String, String> attributes();

    /**
     * What the customer bought.
     *
     * @return the contract
     */
    @JsonProperty("contract")
    public abstract Contract contract();

    /**
     * The people on the customer's side.
     *
     * @return the stakeholders
     */
    @JsonProperty("stakeholders")
    public abstract List<Stakeholder> stakeholders();

    /**
     * The vendor's people on the account.
     *
     * @return the account team
     */
    @JsonProperty("accountTeam")
    public abstract List<TeamMember> accountTeam();

    /**
     * The account's current success plan, if it has one. An account without a plan is at risk by
     * definition.
     *
     * @return the plan
     */
    @JsonProperty("successPlan")
    public abstract Optional<SuccessPlan> successPlan();

    /**
     * Further plans beside the primary {@link #successPlan()}, each toward its own outcome (one per
     * product or per role, see {@link SuccessPlan#product()} and {@link SuccessPlan#forRole()}),
     * with its own metrics and milestones. In JSON the optional array {@code additionalPlans}, so
     * an account with one plan reads and writes as before.
     *
     * @return the additional plans; empty by default
     */
    @JsonProperty("additionalPlans")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<SuccessPlan> additionalPlans();

    /**
     * What sales handed over when the deal closed, if recorded: the seed of the first plan.
     *
     * @return the handoff
     */
    @JsonProperty("handoff")
    public abstract Optional<SalesHandoff> handoff();

    /**
     * Every plan of the account: the primary plan first, then the additional ones.
     *
     * @return the plans; empty without a plan
     */
    public List<SuccessPlan> plans() {
        if (successPlan().isEmpty()) {
            return List.of();
        }
        List<SuccessPlan> all = new ArrayList<>(1 + additionalPlans().size());
        all.add(successPlan().get());
        all.addAll(additionalPlans());
        return List.copyOf(all);
    }

    /**
     * The account this one belongs to in a group of companies (a subsidiary's parent), if any.
     * cs-portfolio's {@code org.cskit.scoring.portfolio.Rollup} rolls scores and measures up to it.
     *
     * @return the parent's id, never this account's own
     */
    @JsonProperty("parentId")
    public abstract Optional<AccountId> parentId();

    /**
     * The first member of the account team who is the customer success manager, if any: the owner
     * of the account in a book of business.
     *
     * @return the CSM
     */
    public Optional<TeamMember> customerSuccessManager() {
        return accountTeam().stream().filter(m -> m.role() == AccountTeamRole.CUSTOMER_SUCCESS_MANAGER).findFirst();
    }

    /**
     * The stakeholder who is the champion, if any.
     *
     * @return the champion
     */
    public Optional<Stakeholder> champion() {
        return withRole(StakeholderRole.CHAMPION);
    }

    /**
     * The stakeholder who is the executive sponsor, if any.
     *
     * @return the executive sponsor
     */
    public Optional<Stakeholder> executiveSponsor() {
        return withRole(StakeholderRole.EXECUTIVE_SPONSOR);
    }

    private Optional<Stakeholder> withRole(StakeholderRole role) {
        return stakeholders().stream().filter(s -> s.hasRole(role)).findFirst();
    }

    /**
     * Days from a date to the contract's renewal date; see {@link Contract#daysToRenewal(LocalDate)}.
     *
     * @param asOf the day (UTC)
     * @return days to renewal, negative once past it
     */
    public long daysToRenewal(LocalDate asOf) {
        return contract().daysToRenewal(asOf);
    }

    /**
     * Days from the contract's start to first value, as of a day: the time to first value. With
     * several plans, first value is the earliest any of them reached.
     *
     * @param asOf the day (UTC)
     * @return the days, or empty without a plan or before first value was reached
     */
    public OptionalLong daysToFirstValue(LocalDate asOf) {
        return plans().stream().map(p -> p.firstValueOn(asOf)).flatMap(Optional::stream).min(Comparator.naturalOrder())
                .map(d -> OptionalLong.of(ChronoUnit.DAYS.between(contract().startDate(), d)))
                .orElse(OptionalLong.empty());
    }

    /**
     * Completes every plan's milestones by evidence as of a day; see
     * {@link SuccessPlan#completeByEvidence(LocalDate)}.
     *
     * @param asOf the day (UTC)
     * @return the account with its plans completed (this account when nothing changed)
     */
    public Account completeByEvidence(LocalDate asOf) {
        if (successPlan().isEmpty()) {
            return this;
        }
        SuccessPlan primary = successPlan().get().completeByEvidence(asOf).plan();
        List<SuccessPlan> others = additionalPlans().stream().map(p -> p.completeByEvidence(asOf).plan()).toList();
        if (primary == successPlan().get() && others.equals(additionalPlans())) {
            return this;
        }
        return builder().from(this).successPlan(primary).additionalPlans(others).build();
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        if (parentId().isPresent() && parentId().get().equals(id())) {
            throw Validate.invalid("parentId", "parentId '" + parentId().get() + "' is the account itself: an account cannot be its own parent");
        }
        attributes().forEach((k, v) -> {
            if (k.isBlank()) {
                throw Validate.invalid("attributes", "attribute key must not be blank, but was '" + k + "'");
            }
            Validate.nonBlank("attributes." + k, v);
        });
        Set<PersonId> people = new HashSet<>();
        for (int i = 0; i < stakeholders().size(); i++) {
            PersonId id = stakeholders().get(i).id();
            if (!people.add(id)) {
                throw Validate.invalid("stakeholders[" + i + "].id", "duplicate person id '" + id + "' in account '" + id() + "'");
            }
        }
        for (int i = 0; i < accountTeam().size(); i++) {
            PersonId id = accountTeam().get(i).id();
            if (!people.add(id)) {
                throw Validate.invalid("accountTeam[" + i + "].id", "duplicate person id '" + id + "' in account '" + id()
                        + "': each person is either a stakeholder or on the account team, once");
            }
        }
        requireAtMostOne(StakeholderRole.CHAMPION);
        requireAtMostOne(StakeholderRole.EXECUTIVE_SPONSOR);
        successPlan().ifPresent(plan -> checkPlan("successPlan", plan, people));
        if (successPlan().isEmpty() && !additionalPlans().isEmpty()) {
            throw Validate.invalid("successPlan", "account '" + id() + "' has " + additionalPlans().size()
                    + " additional plans but no successPlan: the first plan is the primary one");
        }
        handoff().ifPresent(h -> checkHandoff(h, people));
        Set<PlanId> planIds = new HashSet<>();
        successPlan().ifPresent(p -> planIds.add(p.id()));
        for (int i = 0; i < additionalPlans().size(); i++) {
            SuccessPlan plan = additionalPlans().get(i);
            if (!planIds.add(plan.id())) {
                throw Validate.invalid("additionalPlans[" + i + "].id", "duplicate plan id '" + plan.id() + "' in account '"
                        + id() + "'");
            }
            checkPlan("additionalPlans[" + i + "]", plan, people);
        }
    }

    private void requireAtMostOne(StakeholderRole role) {
        List<Stakeholder> holders = stakeholders().stream().filter(s -> s.hasRole(role)).toList();
        if (holders.size() > 1) {
            throw Validate.invalid("stakeholders", "account '" + id() + "' has " + holders.size() + " stakeholders with role "
                    + role + " (" + String.join(", ", holders.stream().map(s -> "'" + s.name() + "'").toList())
                    + "), but at most one is allowed");
        }
    }

    private void checkHandoff(SalesHandoff handoff, Set<PersonId> people) {
        if (!handoff.accountId().equals(id())) {
            throw Validate.invalid("handoff.accountId", "handoff.accountId '" + handoff.accountId()
                    + "' does not match account id '" + id() + "'");
        }
        for (int i = 0; i < handoff.stakeholders().size(); i++) {
            PersonId p = handoff.stakeholders().get(i);
            if (stakeholders().stream().noneMatch(s -> s.id().equals(p))) {
                throw Validate.invalid("handoff.stakeholders[" + i + "]", "the handoff names '" + p
                        + "', who is not a stakeholder of account '" + id() + "'");
            }
        }
        if (handoff.soldBy().isPresent() && accountTeam().stream().noneMatch(m -> m.id().equals(handoff.soldBy().get()))) {
            throw Validate.invalid("handoff.soldBy", "the handoff was sold by '" + handoff.soldBy().get()
                    + "', who is not on the account team of '" + id() + "'");
        }
    }

    private void checkPlan(String at, SuccessPlan plan, Set<PersonId> people) {
        if (!plan.accountId().equals(id())) {
            throw Validate.invalid(at + ".accountId", at + ".accountId '" + plan.accountId()
                    + "' does not match account id '" + id() + "'");
        }
        for (int i = 0; i < plan.milestones().size(); i++) {
            Optional<PersonId> owner = plan.milestones().get(i).owner();
            if (owner.isPresent() && !people.contains(owner.get())) {
                throw Validate.invalid(at + ".milestones[" + i + "].owner", "milestone '" + plan.milestones().get(i).name()
                        + "' is owned by '" + owner.get() + "', who is neither a stakeholder nor on the account team");
            }
        }
        for (int i = 0; i < plan.responsibilities().size(); i++) {
            Optional<PersonId> person = plan.responsibilities().get(i).person();
            if (person.isPresent() && !people.contains(person.get())) {
                throw Validate.invalid(at + ".responsibilities[" + i + "].person", "responsibility '"
                        + plan.responsibilities().get(i).role() + "' names '" + person.get()
                        + "', who is neither a stakeholder nor on the account team");
            }
        }
    }

    /**
     * Starts an account.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Account}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableAccount.Builder {
        Builder() {}
    }
}
