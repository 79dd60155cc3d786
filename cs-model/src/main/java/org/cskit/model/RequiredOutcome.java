package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The measurable business result the customer must achieve: a statement, the metric that proves it
 * (with its baseline and target) and the deadline. Immutable and thread-safe.
 *
 * <p>Rules: {@code statement} is not blank.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRequiredOutcome.class)
@JsonDeserialize(builder = RequiredOutcome.Builder.class)
public abstract class RequiredOutcome {
    // Only the generated implementation extends this type.
    RequiredOutcome() {}


    /**
     * The result in the customer's words, such as {@code Close the books in 3 days instead of 10}.
     *
     * @return the statement
     */
    @JsonProperty("statement")
    public abstract String statement();

    /**
     * The metric that proves the result, with its baseline and target.
     *
     * @return the metric
     */
    @JsonProperty("metric")
    public abstract SuccessMetric metric();

    /**
     * The day by which the target must be reached (UTC).
     *
     * @return the deadline
     */
    @JsonProperty("deadline")
    public abstract LocalDate deadline();

    /**
     * The outcome's attainment as of a day; see {@link SuccessMetric#attainmentAsOf(LocalDate)}.
     *
     * @param asOf the day
     * @return the attainment, or empty when nothing had been measured yet
     */
    public Optional<Attainment> attainmentAsOf(LocalDate asOf) {
        return metric().attainmentAsOf(asOf);
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("statement", statement());
    }

    /**
     * Starts a required outcome.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RequiredOutcome}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableRequiredOutcome.Builder {
        Builder() {}
    }
}
