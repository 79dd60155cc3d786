package org.cskit.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * A weighted scorecard: groups of inputs (usage, engagement, support, sentiment, financial,
 * outcome...) rolled up input to group to overall score, a band scheme and a direction policy. The
 * definition is plain data that round-trips through JSON; {@link WeightedScorecard#of(Scorecard)}
 * turns it into a scoring strategy. Immutable and thread-safe.
 *
 * <p>How a score is made: each input's raw feature value becomes a goodness in [0, 1] through its
 * normaliser and direction. Weights are normalised within each group and across groups (they need
 * not add up to 100). An input with missing data follows its {@link MissingDataPolicy}; dropped
 * weight is shared among the rest. The score is 100 times the weighted goodness, and each input's
 * contribution is its share of it, so contributions add up to the score. If every input is missing
 * and set to redistribute, there is nothing to score: the account is
 * {@linkplain SuccessVector#unscored() unscored} (score NaN, no band, no direction, coverage 0;
 * in vector columns NaN and codes {@code -1}), never a made-up 50. Only an active manual override
 * scores such an account: its score is the override's, and the computed part beneath it counts
 * every input as neutral (50), with coverage 0.
 *
 * <p>Defaults: version 1; bands {@link BandScheme#redYellowGreen()}; direction
 * {@link DirectionPolicy#ofDefaults()}. Rules: at least one group; group names unique; input names
 * unique across the scorecard and not {@value SuccessVector#OVERRIDE_INPUT} (the override's contribution).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableScorecard.class)
@JsonDeserialize(builder = Scorecard.Builder.class)
public abstract class Scorecard {
    // Only the generated implementation extends this type.
    Scorecard() {}

    /**
     * Identifies the scorecard; vectors record it.
     *
     * @return the id
     */
    @JsonProperty("id")
    public abstract ScorecardId id();

    /**
     * The scorecard's version; raise it with every change so that a vector's explanation can tell
     * a scorecard change from a change in the account.
     *
     * @return the version, at least 1
     */
    @Value.Default
    @JsonProperty("version")
    public int version() {
        return 1;
    }

    /**
     * What the scorecard is for, in words.
     *
     * @return the description
     */
    @JsonProperty("description")
    public abstract Optional<String> description();

    /**
     * The groups of inputs.
     *
     * @return the groups, at least one
     */
    @JsonProperty("groups")
    public abstract List<ScorecardGroup> groups();

    /**
     * How scores map to bands.
     *
     * @return the band scheme
     */
    @Value.Default
    @JsonProperty("bands")
    public BandScheme bands() {
        return BandScheme.redYellowGreen();
    }

    /**
     * How direction and velocity are read from history.
     *
     * @return the direction policy
     */
    @Value.Default
    @JsonProperty("direction")
    public DirectionPolicy direction() {
        return DirectionPolicy.ofDefaults();
    }

    @Value.Check
    protected void check() {
        if (version() < 1) {
            throw Validate.invalid("version", "version must be at least 1, but was " + version());
        }
        if (groups().isEmpty()) {
            throw Validate.invalid("groups", "scorecard '" + id() + "' needs at least one group, but groups was empty");
        }
        Set<String> groupNames = new HashSet<>();
        Set<String> inputNames = new HashSet<>();
        for (int g = 0; g < groups().size(); g++) {
            ScorecardGroup group = groups().get(g);
            if (!groupNames.add(group.name())) {
                throw Validate.invalid("groups[" + g + "].name", "duplicate group name '" + group.name() + "' in scorecard '" + id() + "'");
            }
            for (int i = 0; i < group.inputs().size(); i++) {
                String name = group.inputs().get(i).name();
                if (name.equals(SuccessVector.OVERRIDE_INPUT)) {
                    throw Validate.invalid("groups[" + g + "].inputs[" + i + "].name", "input name '" + name
                            + "' is reserved for the contribution of a manual override, in scorecard '" + id() + "'");
                }
                if (!inputNames.add(name)) {
                    throw Validate.invalid("groups[" + g + "].inputs[" + i + "].name", "duplicate input name '" + name
                            + "' in scorecard '" + id() + "'");
                }
            }
        }
        for (String input : direction().inputTrends().keySet()) {
            if (!inputNames.contains(input)) {
                throw Validate.invalid("direction.inputTrends." + input, "direction.inputTrends names '" + input
                        + "', which is not an input of scorecard '" + id() + "'");
            }
        }
    }

    /**
     * Starts a scorecard.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Scorecard}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableScorecard.Builder {
        Builder() {}
    }
}
