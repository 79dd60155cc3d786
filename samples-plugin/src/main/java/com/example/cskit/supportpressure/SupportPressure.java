package com.example.cskit.supportpressure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contribution;
import org.cskit.model.Features;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.DirectionPolicy;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * Support pressure: how much strain the support experience puts on an account, as a score where 100
 * means no strain. A weighted scorecard normalises one feature per input; this strategy needs a ratio
 * of two (tickets per active user: ten tickets are nothing for a thousand users and a crisis for
 * five), which is why a team would write it as a plug-in. Immutable and thread-safe.
 *
 * <p>Three parts, each giving relief from 0 (full pressure) to 1 (none):
 * <ul>
 *   <li><b>{@value #LOAD}</b> (weight 0.6): tickets per 100 active users, {@code 100 * tickets / max(1, users)};
 *       relief {@code 1 - min(1, load / maxTicketsPer100Users)}.</li>
 *   <li><b>{@value #TREND}</b> (weight 0.2, if {@code ticketsChange} is configured): the tickets' percent
 *       change against the window before; relief {@code 1 - clamp(change / maxRisePct, 0, 1)}, so a
 *       fall in tickets counts as no pressure.</li>
 *   <li><b>{@value #SENTIMENT}</b> (weight 0.2, if {@code sentiment} is configured): the latest survey answer
 *       on a 0 to 10 scale; relief {@code clamp(answer / 10, 0, 1)}.</li>
 * </ul>
 * Weights of parts not configured go to the others in proportion. Each part adds
 * {@code 100 * weight * relief} points, and the score is their sum. A part whose data is missing
 * counts as neutral (relief 0.5, {@link MissingDataPolicy#NEUTRAL}) and its weight is left out of the
 * coverage. The band is red below 40, yellow below 70, green above, with the previous vector's band
 * kept within 2 points ({@link BandScheme#redYellowGreen()}); the velocity is the change in points
 * per week since the latest earlier score (history or previous vector), 0 without one, and its
 * direction is cskit's rule ({@link DirectionPolicy#directionOf}: flat under 0.5 points per week),
 * so that DECLINING means what it means for the built-in scorecards.
 */
public final class SupportPressure implements ScoringStrategy {
    /** The strategy's registered name. */
    public static final String NAME = "support-pressure";
    /** The input name of the ticket load part. */
    public static final String LOAD = "ticket_load";
    /** The input name of the ticket trend part. */
    public static final String TREND = "ticket_trend";
    /** The input name of the sentiment part. */
    public static final String SENTIMENT = "sentiment";

    private static final ScorecardId ID = ScorecardId.of(NAME);
    private static final BandScheme BANDS = BandScheme.redYellowGreen();
    private static final DirectionPolicy DIRECTION = DirectionPolicy.ofDefaults();
    private static final double SECONDS_PER_WEEK = 7 * 86_400.0;

    private final Config config;
    private final double loadWeight;
    private final double trendWeight;
    private final double sentimentWeight;

    private SupportPressure(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        double trend = config.ticketsChange() == null ? 0 : 0.2;
        double sentiment = config.sentiment() == null ? 0 : 0.2;
        double total = 0.6 + trend + sentiment;
        this.loadWeight = 0.6 / total;
        this.trendWeight = trend / total;
        this.sentimentWeight = sentiment / total;
    }

    /**
     * Returns the strategy for a configuration.
     *
     * @param config the configuration
     * @return the strategy
     */
    public static SupportPressure of(Config config) {
        return new SupportPressure(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Config config() {
        return config;
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.cskit.model.ValidationException naming the known features if the snapshot's schema
     *     lacks a configured feature
     */
    @Override
    public SuccessVector score(AccountSnapshot snapshot) {
        Features f = snapshot.features();
        OptionalDouble tickets = f.value(config.tickets());
        OptionalDouble users = f.value(config.users());
        OptionalDouble load = tickets.isPresent() && users.isPresent()
                ? OptionalDouble.of(100 * tickets.getAsDouble() / Math.max(1, users.getAsDouble()))
                : OptionalDouble.empty();
        List<Contribution> parts = new ArrayList<>(3);
        parts.add(part(LOAD, "support", loadWeight, load, v -> 1 - clamp(v / config.maxTicketsPer100Users())));
        if (config.ticketsChange() != null) {
            parts.add(part(TREND, "support", trendWeight, f.value(config.ticketsChange()), v -> 1 - clamp(v / config.maxRisePct())));
        }
        if (config.sentiment() != null) {
            parts.add(part(SENTIMENT, "sentiment", sentimentWeight, f.value(config.sentiment()), v -> clamp(v / 10)));
        }
        double score = 0;
        double coverage = 0;
        for (Contribution c : parts) {
            score += c.points();
            coverage += c.value().isPresent() ? c.weight() : 0;
        }
        score = Math.max(0, Math.min(100, score)); // only a rounding step can leave [0, 100]
        double velocity = velocity(snapshot, score);
        return SuccessVector.builder()
                .accountId(snapshot.accountId())
                .asOf(snapshot.asOf())
                .score(score)
                .band(BANDS.bandOf(score, snapshot.previousVector().map(SuccessVector::band)))
                .direction(DIRECTION.directionOf(velocity))
                .velocity(velocity)
                .coverage(Math.min(1, coverage))
                .contributions(parts)
                .scorecardId(ID)
                .scorecardVersion(1)
                .build();
    }

    /** A part's contribution: {@code 100 * weight * relief}, or neutral without data. */
    private static Contribution part(String input, String group, double weight, OptionalDouble value, DoubleUnaryOperator relief) {
        Contribution.Builder c = Contribution.builder().input(input).group(group).weight(weight);
        if (value.isPresent()) {
            return c.value(value.getAsDouble()).points(100 * weight * relief.applyAsDouble(value.getAsDouble())).build();
        }
        return c.missing(MissingDataPolicy.NEUTRAL).points(100 * weight * 0.5).build();
    }

    /** Points per week since the latest earlier score, from the history or the previous vector. */
    private static double velocity(AccountSnapshot snapshot, double score) {
        Optional<ScorePoint> last = snapshot.history().isEmpty() ? Optional.empty()
                : Optional.of(snapshot.history().get(snapshot.history().size() - 1));
        Optional<ScorePoint> previous = snapshot.previousVector().map(v -> ScorePoint.of(v.asOf(), v.score()));
        Optional<ScorePoint> latest = previous.isPresent() && (last.isEmpty() || previous.get().at().isAfter(last.get().at()))
                ? previous : last;
        if (latest.isEmpty()) {
            return 0;
        }
        Instant at = latest.get().at();
        double weeks = Duration.between(at, snapshot.asOf()).getSeconds() / SECONDS_PER_WEEK;
        return weeks <= 0 ? 0 : (score - latest.get().score()) / weeks;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    public String toString() {
        return NAME + config;
    }

    /**
     * The configuration: which features to read and where pressure is full. In JSON, for example
     * {@code {"tickets": "tickets_14d", "users": "active_users", "ticketsChange": "tickets_14d_change_pct",
     * "sentiment": "nps"}}. Immutable and thread-safe.
     *
     * @param tickets the feature holding support tickets opened in a recent window, such as {@code tickets_14d}; required
     * @param users the feature holding active users, such as {@code active_users}; required
     * @param ticketsChange the feature holding the tickets' percent change against the window before, such as
     *     {@code tickets_14d_change_pct}; null to leave the trend out
     * @param sentiment the feature holding the latest survey answer on a 0 to 10 scale, such as {@code nps}; null
     *     to leave sentiment out
     * @param maxTicketsPer100Users the load at which load pressure is full; positive, 10 when null
     * @param maxRisePct the rise in tickets, in percent, at which trend pressure is full; positive, 100 when null
     */
    public record Config(String tickets, String users, String ticketsChange, String sentiment, Double maxTicketsPer100Users,
            Double maxRisePct) {

        /**
         * Checks the configuration and fills in the defaults.
         *
         * @throws org.cskit.model.ValidationException naming the field, the value and the rule
         */
        public Config {
            Validate.nonBlank("tickets", tickets);
            Validate.nonBlank("users", users);
            if (ticketsChange != null) {
                Validate.nonBlank("ticketsChange", ticketsChange);
            }
            if (sentiment != null) {
                Validate.nonBlank("sentiment", sentiment);
            }
            maxTicketsPer100Users = Validate.positive("maxTicketsPer100Users", maxTicketsPer100Users == null ? 10.0 : maxTicketsPer100Users);
            maxRisePct = Validate.positive("maxRisePct", maxRisePct == null ? 100.0 : maxRisePct);
        }

        /**
         * A configuration with the default limits and every part.
         *
         * @param tickets the tickets feature
         * @param users the active users feature
         * @param ticketsChange the tickets' percent change feature
         * @param sentiment the survey answer feature
         * @return the configuration
         * @throws org.cskit.model.ValidationException if a name is blank
         */
        public static Config of(String tickets, String users, String ticketsChange, String sentiment) {
            return new Config(tickets, users, ticketsChange, sentiment, null, null);
        }
    }
}
