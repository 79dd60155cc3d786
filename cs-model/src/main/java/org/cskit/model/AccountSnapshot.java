package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything a scoring strategy or a playbook reads about one account as of a time: who it is
 * (segment, lifecycle stage), its derived {@link Features}, its score history and previous
 * vector (for direction, band hysteresis and explanations), and any manual override. Only data up
 * to {@link #asOf()} belongs in it. Immutable and thread-safe.
 *
 * <p>Rules: score history is in strictly increasing time order and before {@code asOf}; the
 * previous vector is of the same account and before {@code asOf}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAccountSnapshot.class)
@JsonDeserialize(builder = AccountSnapshot.Builder.class)
public abstract class AccountSnapshot {
    // Only the generated implementation extends this type.
    AccountSnapshot() {}

    /**
     * The account.
     *
     * @return the account's id
     */
    @JsonProperty("accountId")
    public abstract AccountId accountId();

    /**
     * The time the snapshot describes.
     *
     * @return the as-of time
     */
    @JsonProperty("asOf")
    public abstract Instant asOf();

    /**
     * The account's segment.
     *
     * @return the segment
     */
    @JsonProperty("segment")
    public abstract Segment segment();

    /**
     * The account's lifecycle stage.
     *
     * @return the stage
     */
    @JsonProperty("lifecycleStage")
    public abstract LifecycleStage lifecycleStage();

    /**
     * The account's features as of {@link #asOf()}.
     *
     * @return the features
     */
    @JsonProperty("features")
    public abstract Features features();

    /**
     * Earlier scores, oldest first, all before {@link #asOf()}.
     *
     * @return the score history; may be empty
     */
    @JsonProperty("history")
    public abstract List<ScorePoint> history();

    /**
     * The vector produced at the previous scoring, if any.
     *
     * @return the previous vector
     */
    @JsonProperty("previousVector")
    public abstract Optional<SuccessVector> previousVector();

    /**
     * A person's override of the score, if one was set; it applies only while active.
     *
     * @return the override
     */
    @JsonProperty("override")
    public abstract Optional<ManualOverride> override();

    @Value.Check
    protected void check() {
        List<ScorePoint> h = history();
        for (int i = 0; i < h.size(); i++) {
            if (i > 0 && !h.get(i).at().isAfter(h.get(i - 1).at())) {
                throw Validate.invalid("history[" + i + "].at", "history[" + i + "] at " + h.get(i).at()
                        + " is not after history[" + (i - 1) + "] at " + h.get(i - 1).at()
                        + ": history must be in strictly increasing time order");
            }
            if (!h.get(i).at().isBefore(asOf())) {
                throw Validate.invalid("history[" + i + "].at", "history[" + i + "] at " + h.get(i).at()
                        + " is not before the snapshot's asOf " + asOf());
            }
        }
        if (previousVector().isPresent()) {
            SuccessVector previous = previousVector().get();
            if (!previous.accountId().equals(accountId())) {
                throw Validate.invalid("previousVector.accountId", "previousVector is of account '" + previous.accountId()
                        + "', not of account '" + accountId() + "'");
            }
            if (!previous.asOf().isBefore(asOf())) {
                throw Validate.invalid("previousVector.asOf", "previousVector asOf " + previous.asOf()
                        + " is not before the snapshot's asOf " + asOf());
            }
        }
    }

    /**
     * Starts a snapshot.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AccountSnapshot}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableAccountSnapshot.Builder {
        Builder() {}
    }
}
