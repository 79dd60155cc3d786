package org.cskit.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * Which scorecard scores which accounts: scorecards assigned by segment, by lifecycle stage or by
 * both, and a default. Immutable and thread-safe.
 *
 * <p><b>Precedence</b>, the one rule: the most specific assignment wins. An assignment naming both
 * the account's segment and its stage beats one naming only its segment, which beats one naming
 * only its stage; an account no assignment matches gets the default. Two assignments with the same
 * segment and stage are rejected, so there is never a tie.
 *
 * <p>Rules: every assignment names a segment, a stage or both; no two assignments name the same
 * segment and stage.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableScorecardSelection.class)
@JsonDeserialize(builder = ScorecardSelection.Builder.class)
public abstract class ScorecardSelection {
    // Only the generated implementation extends this type.
    ScorecardSelection() {}

    /**
     * A scorecard for the accounts of a segment, a lifecycle stage, or both.
     *
     * @param segment the segment's name, if the assignment is by segment
     * @param lifecycleStage the stage, if the assignment is by stage
     * @param scorecard the scorecard
     */
    public record Assignment(Optional<String> segment, Optional<LifecycleStage> lifecycleStage, Scorecard scorecard) {

        /**
         * Checks the assignment.
         *
         * @throws org.cskit.model.ValidationException if it names neither a segment nor a stage, or has no scorecard
         */
        public Assignment {
            segment = segment == null ? Optional.empty() : segment;
            lifecycleStage = lifecycleStage == null ? Optional.empty() : lifecycleStage;
            if (segment.isEmpty() && lifecycleStage.isEmpty()) {
                throw Validate.invalid("segment", "an assignment must name a segment, a lifecycle stage or both");
            }
            segment.ifPresent(s -> Validate.nonBlank("segment", s));
            if (scorecard == null) {
                throw Validate.invalid("scorecard", "scorecard must not be null");
            }
        }

        /**
         * Assigns a scorecard to a segment.
         *
         * @param segment the segment's name
         * @param scorecard the scorecard
         * @return the assignment
         */
        public static Assignment segment(String segment, Scorecard scorecard) {
            return new Assignment(Optional.of(segment), Optional.empty(), scorecard);
        }

        /**
         * Assigns a scorecard to a lifecycle stage.
         *
         * @param stage the stage
         * @param scorecard the scorecard
         * @return the assignment
         */
        public static Assignment stage(LifecycleStage stage, Scorecard scorecard) {
            return new Assignment(Optional.empty(), Optional.of(stage), scorecard);
        }

        /**
         * Assigns a scorecard to the accounts of a segment in a lifecycle stage.
         *
         * @param segment the segment's name
         * @param stage the stage
         * @param scorecard the scorecard
         * @return the assignment
         */
        public static Assignment segmentAndStage(String segment, LifecycleStage stage, Scorecard scorecard) {
            return new Assignment(Optional.of(segment), Optional.of(stage), scorecard);
        }
    }

    /**
     * The scorecard for accounts no assignment matches.
     *
     * @return the default scorecard
     */
    @JsonProperty("defaultScorecard")
    public abstract Scorecard defaultScorecard();

    /**
     * The assignments.
     *
     * @return the assignments; may be empty
     */
    @JsonProperty("assignments")
    public abstract List<Assignment> assignments();

    /**
     * The scorecard for an account, by the precedence rule above.
     *
     * @param segment the account's segment name
     * @param stage the account's lifecycle stage
     * @return the scorecard
     */
    public Scorecard select(String segment, LifecycleStage stage) {
        Scorecard bySegment = null;
        Scorecard byStage = null;
        for (Assignment a : assignments()) {
            boolean segmentMatches = a.segment().map(segment::equals).orElse(true);
            boolean stageMatches = a.lifecycleStage().map(s -> s == stage).orElse(true);
            if (!segmentMatches || !stageMatches) {
                continue;
            }
            if (a.segment().isPresent() && a.lifecycleStage().isPresent()) {
                return a.scorecard();
            }
            if (a.segment().isPresent()) {
                bySegment = a.scorecard();
            } else {
                byStage = a.scorecard();
            }
        }
        return bySegment != null ? bySegment : byStage != null ? byStage : defaultScorecard();
    }

    @Value.Check
    protected void check() {
        // Keyed by the optionals themselves: a segment named "*" is not "any segment".
        Set<List<Object>> keys = new HashSet<>();
        for (int i = 0; i < assignments().size(); i++) {
            Assignment a = assignments().get(i);
            String key = a.segment().orElse("*") + " / " + a.lifecycleStage().map(Enum::name).orElse("*");
            if (!keys.add(List.of(a.segment(), a.lifecycleStage()))) {
                throw Validate.invalid("assignments[" + i + "]", "assignments[" + i + "] repeats segment and stage '" + key
                        + "': each combination may be assigned once");
            }
        }
    }

    /**
     * Starts a selection.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ScorecardSelection}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableScorecardSelection.Builder {
        Builder() {}
    }
}
