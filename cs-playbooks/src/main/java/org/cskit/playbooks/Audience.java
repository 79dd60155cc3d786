package org.cskit.playbooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Set;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * Which accounts a playbook is for: by segment name, lifecycle stage and engagement model. An
 * empty set means any; an account must match every non-empty set. Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAudience.class)
@JsonDeserialize(builder = Audience.Builder.class)
public abstract class Audience {
    // Only the generated implementation extends this type.
    Audience() {}

    /**
     * The segments, by name.
     *
     * @return the segments; empty for any
     */
    @JsonProperty("segments")
    public abstract Set<String> segments();

    /**
     * The lifecycle stages.
     *
     * @return the stages; empty for any
     */
    @JsonProperty("lifecycleStages")
    public abstract Set<LifecycleStage> lifecycleStages();

    /**
     * The engagement models.
     *
     * @return the models; empty for any
     */
    @JsonProperty("engagementModels")
    public abstract Set<EngagementModel> engagementModels();

    /**
     * Tells whether an account belongs to the audience.
     *
     * @param segment the account's segment name
     * @param stage its lifecycle stage
     * @param model its segment's engagement model
     * @return true if every non-empty set contains the account's value
     */
    public boolean includes(String segment, LifecycleStage stage, EngagementModel model) {
        return (segments().isEmpty() || segments().contains(segment))
                && (lifecycleStages().isEmpty() || lifecycleStages().contains(stage))
                && (engagementModels().isEmpty() || engagementModels().contains(model));
    }

    /**
     * Whether the audience is every account: no segment, stage or engagement model is named.
     *
     * @return true if {@link #includes} holds for any account
     */
    @JsonIgnore
    public boolean isEveryone() {
        return segments().isEmpty() && lifecycleStages().isEmpty() && engagementModels().isEmpty();
    }

    @Value.Check
    protected void check() {
        segments().forEach(s -> Validate.nonBlank("segments", s));
    }

    /**
     * Every account.
     *
     * @return the audience of all accounts
     */
    public static Audience everyone() {
        return builder().build();
    }

    /**
     * Starts an audience.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Audience}. Not thread-safe. */
    public static final class Builder extends ImmutableAudience.Builder {
        Builder() {}
    }
}
