package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.Measurement;
import org.cskit.model.MetricDirection;
import org.cskit.model.Money;
import org.cskit.model.PlanId;
import org.cskit.model.SuccessMetric;
import org.cskit.model.SuccessPlan;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * What one unit of improvement in a customer's required outcome is worth to that customer, per
 * success plan or per segment, in one currency: the rule that turns outcome attainment into
 * <b>value generated</b>. Two sets of rates are equal when they hold the same rates. Immutable and
 * thread-safe.
 *
 * <p>A plan's value generated to date, as of a day, is {@code improvement × value per unit},
 * where the improvement is the latest measurement of the plan's required outcome metric by the end
 * of that day minus the metric's baseline (baseline minus the measurement when lower is better),
 * and the value per unit is the plan's rate if one was given for the plan, else its account's
 * segment's (by segment name). An account's value is the sum over its plans that have a rate and a
 * measurement. The product is rounded half-even to the
 * currency's minor unit (cents for EUR). It is negative when the metric regressed past its baseline:
 * nothing is clamped. A rate states its unit, and it must be the metric's unit
 * ({@code weekly active users}, {@code hours}...), compared ignoring case.
 *
 * <pre>{@code
 * ValueRates rates = ValueRates.builder(Currency.getInstance("EUR"))
 *         .segment("enterprise", "users", Money.of("1200", "EUR"))   // each extra weekly user: 1,200 EUR
 *         .plan(PlanId.of("acme-2026"), "days", Money.of("8000", "EUR"))
 *         .build();
 * Optional<Money> value = rates.valueOf(account, today);
 * }</pre>
 */
public final class ValueRates {
    /**
     * The value of one unit of a metric.
     *
     * @param unit the metric's unit, such as {@code hours}; not blank
     * @param perUnit what one unit of improvement is worth
     */
    public record Rate(String unit, Money perUnit) {
        /**
         * Checks the rate.
         *
         * @throws ValidationException if the unit is blank or the value missing
         */
        public Rate {
            Validate.nonBlank("unit", unit);
            Validate.present("perUnit", perUnit);
        }
    }

    private final Currency currency;
    private final Map<PlanId, Rate> byPlan;
    private final Map<String, Rate> bySegment;

    private ValueRates(Currency currency, Map<PlanId, Rate> byPlan, Map<String, Rate> bySegment) {
        this.currency = currency;
        this.byPlan = Collections.unmodifiableMap(new LinkedHashMap<>(byPlan));
        this.bySegment = Collections.unmodifiableMap(new LinkedHashMap<>(bySegment));
    }

    /**
     * Starts a set of rates in one currency.
     *
     * @param currency the currency of every rate
     * @return a new builder
     */
    public static Builder builder(Currency currency) {
        return new Builder(Validate.present("currency", currency));
    }

    /**
     * The currency of every rate and value.
     *
     * @return the currency
     */
    public Currency currency() {
        return currency;
    }

    /**
     * The rate that applies to one of an account's plans: the plan's own, else the account's
     * segment's.
     *
     * @param account the account
     * @param plan one of its plans
     * @return the rate, or empty without a rate for the plan or the segment
     */
    public Optional<Rate> rateFor(Account account, SuccessPlan plan) {
        Rate own = byPlan.get(plan.id());
        return own != null ? Optional.of(own) : Optional.ofNullable(bySegment.get(account.segment().name()));
    }

    /**
     * An account's value generated to date: over each of its plans ({@link Account#plans()}) that
     * has a rate and a measurement by the day, the improvement of its required outcome's latest
     * measurement over the baseline times the rate (see the class description), summed. A plan
     * without a rate or a measurement adds nothing.
     *
     * @param account the account
     * @param asOf the day (UTC); measurements after it do not count
     * @return the value, or empty when no plan has both a rate and a measurement by the day
     * @throws ValidationException naming the account if a rate's unit is not its plan's metric's
     */
    public Optional<Money> valueOf(Account account, LocalDate asOf) {
        BigDecimal total = null;
        for (SuccessPlan plan : account.plans()) {
            Optional<Rate> rate = rateFor(account, plan);
            if (rate.isEmpty()) {
                continue;
            }
            SuccessMetric metric = plan.desiredOutcome().requiredOutcome().metric();
            if (!metric.unit().trim().equalsIgnoreCase(rate.get().unit().trim())) {
                throw Validate.invalid("unit", "account '" + account.id() + "': metric '" + metric.name() + "' is in '" + metric.unit()
                        + "' but the value rate for " + (byPlan.containsKey(plan.id()) ? "plan '" + plan.id() + "'"
                                : "segment '" + account.segment().name() + "'") + " is per '" + rate.get().unit() + "'");
            }
            Optional<Measurement> latest = metric.latestAsOf(asOf);
            if (latest.isPresent()) {
                double improvement = metric.direction() == MetricDirection.HIGHER_IS_BETTER
                        ? latest.get().value() - metric.baseline() : metric.baseline() - latest.get().value();
                BigDecimal value = BigDecimal.valueOf(improvement).multiply(rate.get().perUnit().amount())
                        .setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_EVEN);
                total = total == null ? value : total.add(value);
            }
        }
        return Optional.ofNullable(total).map(t -> new Money(t, currency));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueRates r && currency.equals(r.currency) && byPlan.equals(r.byPlan) && bySegment.equals(r.bySegment);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(currency, byPlan, bySegment);
    }

    @Override
    public String toString() {
        return "ValueRates{currency=" + currency + ", byPlan=" + byPlan + ", bySegment=" + bySegment + "}";
    }

    /** Builds {@link ValueRates}. Not thread-safe. */
    public static final class Builder {
        private final Currency currency;
        private final Map<PlanId, Rate> byPlan = new LinkedHashMap<>();
        private final Map<String, Rate> bySegment = new LinkedHashMap<>();

        private Builder(Currency currency) {
            this.currency = currency;
        }

        /**
         * Sets the rate of a segment's accounts whose plan has no rate of its own.
         *
         * @param segment the segment's name
         * @param unit the unit of the segment's outcome metric
         * @param perUnit what one unit of improvement is worth, in the builder's currency
         * @return this builder
         * @throws ValidationException if the segment already has a rate, or the value is in another currency
         */
        public Builder segment(String segment, String unit, Money perUnit) {
            Validate.nonBlank("segment", segment);
            if (bySegment.containsKey(segment)) {
                throw Validate.invalid("segment", "segment '" + segment + "' already has a value rate: "
                        + bySegment.get(segment).perUnit() + " per " + bySegment.get(segment).unit());
            }
            bySegment.put(segment, rate("segment '" + segment + "'", unit, perUnit));
            return this;
        }

        /**
         * Sets the rate of one success plan, ahead of its segment's.
         *
         * @param plan the plan's id
         * @param unit the unit of the plan's outcome metric
         * @param perUnit what one unit of improvement is worth, in the builder's currency
         * @return this builder
         * @throws ValidationException if the plan already has a rate, or the value is in another currency
         */
        public Builder plan(PlanId plan, String unit, Money perUnit) {
            Validate.present("plan", plan);
            if (byPlan.containsKey(plan)) {
                throw Validate.invalid("plan", "plan '" + plan + "' already has a value rate: " + byPlan.get(plan).perUnit()
                        + " per " + byPlan.get(plan).unit());
            }
            byPlan.put(plan, rate("plan '" + plan + "'", unit, perUnit));
            return this;
        }

        private Rate rate(String what, String unit, Money perUnit) {
            Rate rate = new Rate(unit, perUnit);
            if (!perUnit.currency().equals(currency)) {
                throw Validate.invalid("perUnit", "value rate for " + what + " is " + perUnit + ", not in "
                        + currency.getCurrencyCode() + ": cskit never converts");
            }
            return rate;
        }

        /**
         * Builds the rates.
         *
         * @return the rates
         */
        public ValueRates build() {
            return new ValueRates(currency, byPlan, bySegment);
        }
    }
}
