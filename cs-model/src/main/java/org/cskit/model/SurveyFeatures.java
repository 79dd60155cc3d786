package org.cskit.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The standard survey features of one account, from its {@link SurveyResponse}s in a window
 * {@code (asOf - window, asOf]} (an answer given exactly at the as-of time counts, one exactly a
 * window earlier does not). Stateless and thread-safe.
 *
 * <ul>
 *   <li>{@value #NPS}: promoters minus detractors over the NPS answers, in points from -100 to 100
 *       (100 × (promoters - detractors) / answers);</li>
 *   <li>{@value #NPS_DETRACTORS}: how many NPS answers were detractors (0-6);</li>
 *   <li>{@value #CSAT}: the share of CSAT answers that were satisfied (4-5), in [0, 1];</li>
 *   <li>{@value #CES}: the mean CES answer, in [1, 7] (higher is easier).</li>
 * </ul>
 * A feature with no answer of its survey in the window is left missing (0 for
 * {@value #NPS_DETRACTORS} when there were NPS answers); each feature's observation count is the
 * number of answers it rests on.
 */
public final class SurveyFeatures {
    /** Promoters minus detractors, in points from -100 to 100. */
    public static final String NPS = "survey.nps";
    /** NPS answers from 0 to 6. */
    public static final String NPS_DETRACTORS = "survey.nps_detractors";
    /** Share of CSAT answers from 4 to 5. */
    public static final String CSAT = "survey.csat";
    /** Mean CES answer. */
    public static final String CES = "survey.ces";

    private static final List<String> NAMES = List.of(NPS, NPS_DETRACTORS, CSAT, CES);

    private SurveyFeatures() {}

    /**
     * The survey feature names, in a fixed order; include them in a {@link FeatureSchema} to use
     * {@link #write}.
     *
     * @return the names
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Writes an account's survey features as of a time.
     *
     * @param account the account the responses must belong to
     * @param responses its responses, in any order; those outside the window are skipped
     * @param asOf the as-of time
     * @param window how far back answers count, positive
     * @param into the builder to fill, whose schema holds every survey feature name
     * @throws ValidationException if the window is not positive, a response is another account's, or
     *     the schema lacks a survey feature
     */
    public static void write(AccountId account, Iterable<SurveyResponse> responses, Instant asOf, Duration window,
            Features.Builder into) {
        Validate.present("account", account);
        Validate.present("asOf", asOf);
        Validate.present("window", window);
        if (window.isNegative() || window.isZero()) {
            throw Validate.invalid("window", "window must be positive, but was " + window);
        }
        Instant from = asOf.minus(window);
        int[] counts = new int[SurveyKind.values().length];
        int promoters = 0;
        int detractors = 0;
        int satisfied = 0;
        long effort = 0;
        for (SurveyResponse r : responses) {
            if (!r.accountId().equals(account)) {
                throw Validate.invalid("responses.accountId", "response of account '" + r.accountId()
                        + "' given for account '" + account + "': an account's features rest on its own answers");
            }
            if (!r.respondedAt().isAfter(from) || r.respondedAt().isAfter(asOf)) {
                continue;
            }
            counts[r.kind().ordinal()]++;
            switch (r.kind()) {
                case NPS -> {
                    promoters += r.sentiment() == SurveyKind.Sentiment.POSITIVE ? 1 : 0;
                    detractors += r.isNegative() ? 1 : 0;
                }
                case CSAT -> satisfied += r.sentiment() == SurveyKind.Sentiment.POSITIVE ? 1 : 0;
                case CES -> effort += r.score();
            }
        }
        int nps = counts[SurveyKind.NPS.ordinal()];
        if (nps > 0) {
            into.set(NPS, 100.0 * (promoters - detractors) / nps, nps);
            into.set(NPS_DETRACTORS, detractors, nps);
        }
        int csat = counts[SurveyKind.CSAT.ordinal()];
        if (csat > 0) {
            into.set(CSAT, (double) satisfied / csat, csat);
        }
        int ces = counts[SurveyKind.CES.ordinal()];
        if (ces > 0) {
            into.set(CES, (double) effort / ces, ces);
        }
    }
}
