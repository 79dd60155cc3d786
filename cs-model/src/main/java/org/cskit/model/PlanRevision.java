package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * An earlier version of a success plan, kept when the plan was revised: the version as it was,
 * when it was superseded and why. Immutable and thread-safe.
 *
 * <p>Rules: {@code reason} is not blank; the kept plan carries no revisions of its own (the
 * current plan holds the whole history, once).
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePlanRevision.class)
@JsonDeserialize(builder = PlanRevision.Builder.class)
public abstract class PlanRevision {
    // Only the generated implementation extends this type.
    PlanRevision() {}


    /**
     * The plan as it was before the revision.
     *
     * @return the earlier version
     */
    @JsonProperty("plan")
    public abstract SuccessPlan plan();

    /**
     * When the next version replaced it.
     *
     * @return the time of the revision
     */
    @JsonProperty("supersededAt")
    public abstract Instant supersededAt();

    /**
     * Why the plan was revised, in words.
     *
     * @return the reason
     */
    @JsonProperty("reason")
    public abstract String reason();

    @Value.Check
    protected void check() {
        Validate.nonBlank("reason", reason());
        if (!plan().revisions().isEmpty()) {
            throw Validate.invalid("plan.revisions", "a kept plan version must not carry revisions of its own, but version "
                    + plan().version() + " carries " + plan().revisions().size());
        }
    }

    /**
     * Starts a plan revision.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PlanRevision}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutablePlanRevision.Builder {
        Builder() {}
    }
}
