package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One observed input about an account at a time, such as {@code logins = 42 count} from the
 * product or {@code nps = -1 score} from a survey. Immutable and thread-safe.
 *
 * <p>Rules: {@code name}, {@code unit} and {@code source} are not blank; {@code value} is finite;
 * a value whose unit is {@value #COUNT} is not negative.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSignal.class)
@JsonDeserialize(builder = Signal.Builder.class)
public abstract class Signal {
    // Only the generated implementation extends this type.
    Signal() {}


    /** The unit of counted things (logins, tickets, seats); such values cannot be negative. */
    public static final String COUNT = "count";

    /**
     * Identifies this observation.
     *
     * @return the id
     */
    @JsonProperty("id")
    public abstract SignalId id();

    /**
     * The account observed.
     *
     * @return the account's id
     */
    @JsonProperty("accountId")
    public abstract AccountId accountId();

    /**
     * What kind of fact this is.
     *
     * @return the family
     */
    @JsonProperty("family")
    public abstract SignalFamily family();

    /**
     * The signal's name, such as {@code logins} or {@code nps}; scorecards and playbooks refer to it.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The observed value.
     *
     * @return the value, finite
     */
    @JsonProperty("value")
    public abstract double value();

    /**
     * The value's unit, such as {@value #COUNT}, {@code minutes}, {@code score} or {@code EUR}.
     *
     * @return the unit
     */
    @JsonProperty("unit")
    public abstract String unit();

    /**
     * When the fact was observed.
     *
     * @return the time
     */
    @JsonProperty("observedAt")
    public abstract Instant observedAt();

    /**
     * Where the fact came from, such as {@code product-analytics} or {@code zendesk}.
     *
     * @return the source
     */
    @JsonProperty("source")
    public abstract String source();

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        Validate.nonBlank("unit", unit());
        Validate.nonBlank("source", source());
        Validate.finite("value", value());
        if (COUNT.equals(unit()) && value() < 0) {
            throw Validate.invalid("value", "signal '" + name() + "' value " + value() + " is negative, but a count cannot be");
        }
    }

    /**
     * Starts a signal.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Signal}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableSignal.Builder {
        Builder() {}
    }
}
