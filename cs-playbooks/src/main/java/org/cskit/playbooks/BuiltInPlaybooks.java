package org.cskit.playbooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cskit.model.StandardFeatures;
import org.cskit.model.json.CsJson;

/**
 * The playbooks every customer-success team runs, as JSON definitions to use as they are or to
 * copy and adapt: low adoption, champion change, support spike, renewal at risk, expansion ready,
 * first value overdue, onboarding steps (days 0-7, 7-30, 30-90), no success plan, target near with
 * no next phase, a review after a milestone, an expansion conversation when a milestone that
 * carries an expansion opportunity is achieved, an open success gap near its milestone's due date, a
 * high risk without a mitigation owner, a review due by the plan's own cadence, and a promised
 * outcome (from the sales handoff) still without a plan. Stateless and thread-safe.
 *
 * <p>They read {@link StandardFeatures} and three features the host derives from its signals:
 * {@value #SEAT_UTILISATION} (share of seats used, 0 to 1), {@value #TICKETS} (support tickets
 * opened in the last 14 days) and {@value #TICKETS_CHANGE_PCT} (the change of that count against
 * the 14 days before, in percent). {@link #features()} lists every feature they need.
 */
public final class BuiltInPlaybooks {
    /** Share of the seats bought that are in use, 0 to 1. */
    public static final String SEAT_UTILISATION = "seat_utilisation";
    /** Support tickets opened in the last 14 days. */
    public static final String TICKETS = "tickets_14d";
    /** Change of {@value #TICKETS} against the 14 days before, in percent. */
    public static final String TICKETS_CHANGE_PCT = "tickets_14d_change_pct";

    private static final String RESOURCE = "builtin/playbooks.json";

    private BuiltInPlaybooks() {}

    /**
     * Every built-in playbook.
     *
     * @return the playbooks, in a fixed order
     */
    public static List<Playbook> all() {
        try (InputStream in = BuiltInPlaybooks.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " in cs-playbooks");
            }
            return CsJson.create().readList(new String(in.readAllBytes(), StandardCharsets.UTF_8), Playbook.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The features the built-ins read: the three above and {@link StandardFeatures#names()}.
     *
     * @return the feature names
     */
    public static List<String> features() {
        Set<String> names = new LinkedHashSet<>(List.of(SEAT_UTILISATION, TICKETS, TICKETS_CHANGE_PCT));
        names.addAll(StandardFeatures.names());
        return new ArrayList<>(names);
    }
}
