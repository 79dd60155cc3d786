package org.cskit.benchmarks.playbooks;

import static org.cskit.benchmarks.playbooks.Portfolio.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Trigger;

/**
 * The 50 benchmark rules: 10 templates x 5 thresholds, each with a 30-day per-account cooldown,
 * written once as cskit {@link Playbook}s and once as named Java predicates over an {@link AccountView}
 * (for Easy Rules and Drools), which is either a view over the same {@code PlaybookInput} objects cskit
 * reads ({@link AccountFact}) or a row of the primitive columns ({@link RowFact}); {@link HandWritten} codes the same
 * templates over primitive columns. Rule {@code r} is template {@code r / 5}, threshold {@code r % 5}.
 *
 * <pre>
 * T0 usage-drop    THRESHOLD logins_14d_change_pct &lt;= -20-5k  and logins_14d &gt;= 5 and segment in (enterprise, mid-market)
 * T1 users-drop    THRESHOLD active_users_14d_change_pct &lt;= -15-5k and tickets_open &gt;= 2 and vector.score &lt; 60
 * T2 low-seats     THRESHOLD seat_utilisation &lt; 0.30+0.05k and days_to_renewal &lt;= 180
 * T3 tickets       THRESHOLD tickets_open &gt;= 3+k and direction is DECLINING and vector.score &lt; 60
 * T4 entered-red   BAND_ENTERED red and arr &gt;= 10000+20000k
 * T5 entered-yel.  BAND_ENTERED yellow and logins_14d_change_pct &lt;= -10 and nps &lt;= 8-k
 * T6 renewal       DAYS_BEFORE_RENEWAL 30+30k and vector.score &lt; 60 and segment in (enterprise, mid-market)
 * T7 detractor     THRESHOLD nps &lt;= 6-k and logins_14d_change_pct &lt;= -10 and segment is enterprise
 * T8 low-score     THRESHOLD vector.score &lt; 40+5k and seat_utilisation &lt; 0.5 and days_to_renewal &lt;= 180 and direction is DECLINING
 * T9 expansion     THRESHOLD seat_utilisation &gt;= 0.90-0.02k and logins_14d_change_pct &gt;= 10 and direction is IMPROVING
 *                  and segment in (mid-market, smb)
 * </pre>
 * Shared conditions: score &lt; 60 (T1, T3, T6), days_to_renewal &lt;= 180 (T2, T8), logins change &lt;= -10
 * (T5, T7), direction DECLINING (T3, T8), the segment filters, and the five thresholds of each template
 * read the same field.
 */
public final class RuleSet {
    public static final int TEMPLATES = 10, THRESHOLDS = 5, RULES = TEMPLATES * THRESHOLDS;
    /** Rules 50..54: CHAMPION_CHANGED and vector.score &lt; 40+5k and segment in (enterprise, mid-market). */
    public static final int EVENT_RULES = 5;
    static final double[] T10 = {40, 45, 50, 55, 60};
    public static final Duration COOLDOWN = Duration.ofDays(30);
    public static final long COOLDOWN_MILLIS = COOLDOWN.toMillis();
    static final String[] NAMES = {"usage-drop", "users-drop", "low-seats", "tickets", "entered-red", "entered-yellow",
        "renewal", "detractor", "low-score", "expansion"};

    static final double[] T0 = {-20, -25, -30, -35, -40};
    static final double[] T1 = {-15, -20, -25, -30, -35};
    static final double[] T2 = {0.30, 0.35, 0.40, 0.45, 0.50};
    static final double[] T3 = {3, 4, 5, 6, 7};
    static final double[] T4 = {10000, 30000, 50000, 70000, 90000};
    static final double[] T5 = {8, 7, 6, 5, 4};
    static final int[] T6 = {30, 60, 90, 120, 150};
    static final double[] T7 = {6, 5, 4, 3, 2};
    static final double[] T8 = {40, 45, 50, 55, 60};
    static final double[] T9 = {0.90, 0.88, 0.86, 0.84, 0.82};

    private RuleSet() {}

    /** The id of rule {@code r}, such as {@code usage-drop-3}. */
    public static String id(int r) {
        if (r >= RULES) {
            return "champion-changed-" + (r - RULES);
        }
        return NAMES[r / THRESHOLDS] + "-" + (r % THRESHOLDS);
    }

    /** The rule index of a playbook id made by {@link #id}. */
    public static int indexOf(String id) {
        int dash = id.lastIndexOf('-');
        String name = id.substring(0, dash);
        if (name.equals("champion-changed")) {
            return RULES + Integer.parseInt(id.substring(dash + 1));
        }
        for (int t = 0; t < TEMPLATES; t++) {
            if (NAMES[t].equals(name)) {
                return t * THRESHOLDS + Integer.parseInt(id.substring(dash + 1));
            }
        }
        throw new IllegalArgumentException(id);
    }

    // ---- cskit ----

    /** The 50 rules as cskit playbooks: one TAG action each, a 30-day cooldown. */
    public static List<Playbook> playbooks() {
        List<Playbook> all = new ArrayList<>(RULES);
        Condition enterpriseOrMid = Condition.in(Fields.SEGMENT, "enterprise", "mid-market");
        Condition scoreBelow60 = Condition.compare(Fields.SCORE, Operator.LT, 60);
        Condition renewalWithin180 = Condition.compare(RENEWAL, Operator.LE, 180);
        Condition loginsDown10 = Condition.compare(LOGINS_CHANGE, Operator.LE, -10);
        Condition declining = Condition.is(Fields.DIRECTION, "DECLINING");
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(0, k, new Trigger.Threshold(LOGINS_CHANGE, Operator.LE, T0[k]),
                    Condition.compare(LOGINS, Operator.GE, 5), enterpriseOrMid));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(1, k, new Trigger.Threshold(USERS_CHANGE, Operator.LE, T1[k]),
                    Condition.compare(TICKETS, Operator.GE, 2), scoreBelow60));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(2, k, new Trigger.Threshold(SEATS, Operator.LT, T2[k]), renewalWithin180));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(3, k, new Trigger.Threshold(TICKETS, Operator.GE, T3[k]), declining, scoreBelow60));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(4, k, new Trigger.BandEntered("red"), Condition.compare(ARR, Operator.GE, T4[k])));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(5, k, new Trigger.BandEntered("yellow"), loginsDown10, Condition.compare(NPS, Operator.LE, T5[k])));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(6, k, new Trigger.DaysBeforeRenewal(T6[k]), scoreBelow60, enterpriseOrMid));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(7, k, new Trigger.Threshold(NPS, Operator.LE, T7[k]), loginsDown10,
                    Condition.is(Fields.SEGMENT, "enterprise")));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(8, k, new Trigger.Threshold(Fields.SCORE, Operator.LT, T8[k]),
                    Condition.compare(SEATS, Operator.LT, 0.5), renewalWithin180, declining));
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            all.add(playbook(9, k, new Trigger.Threshold(SEATS, Operator.GE, T9[k]),
                    Condition.compare(LOGINS_CHANGE, Operator.GE, 10), Condition.is(Fields.DIRECTION, "IMPROVING"),
                    Condition.in(Fields.SEGMENT, "mid-market", "smb")));
        }
        return all;
    }

    /** The 5 event rules (50..54), for the incremental path. */
    public static List<Playbook> eventPlaybooks() {
        List<Playbook> all = new ArrayList<>(EVENT_RULES);
        for (int k = 0; k < EVENT_RULES; k++) {
            all.add(playbook(TEMPLATES, k, new Trigger.OnEvent("CHAMPION_CHANGED"),
                    Condition.compare(Fields.SCORE, Operator.LT, T10[k]), Condition.in(Fields.SEGMENT, "enterprise", "mid-market")));
        }
        return all;
    }

    private static Playbook playbook(int template, int k, Trigger trigger, Condition... conditions) {
        int r = template * THRESHOLDS + k;
        return Playbook.builder().id(id(r)).name(id(r)).trigger(trigger).addConditions(conditions)
                .addActions(new Action.Tag(id(r))).repeat(RepeatPolicy.builder().cooldown(COOLDOWN).build()).build();
    }

    // ---- peers: the same rules as named predicates over an AccountView (objects or a row of columns) ----

    /** One named predicate; equal ids mean the same test (Drools shares alpha nodes by id). */
    public record Test(String id, Predicate<AccountView> test) {}

    /**
     * Rule {@code r}'s trigger and conditions, in order (the cooldown is added by each engine).
     *
     * @param r the rule
     * @return its tests
     */
    public static List<Test> tests(int r) {
        int k = r % THRESHOLDS;
        Test enterpriseOrMid = new Test("segment in (enterprise, mid-market)",
                in -> "enterprise".equals(in.segment()) || "mid-market".equals(in.segment()));
        Test scoreBelow60 = new Test("score < 60", in -> in.score() < 60);
        Test renewalWithin180 = new Test("renewal <= 180", in -> in.feature(I_RENEWAL) <= 180);
        Test loginsDown10 = new Test("logins change <= -10", in -> in.feature(I_LOGINS_CHANGE) <= -10);
        Test declining = new Test("direction is DECLINING", in -> "DECLINING".equals(in.direction()));
        switch (r / THRESHOLDS) {
            case 0: {
                double t = T0[k];
                return List.of(new Test("logins change <= " + t, in -> in.feature(I_LOGINS_CHANGE) <= t),
                        new Test("logins >= 5", in -> in.feature(I_LOGINS) >= 5), enterpriseOrMid);
            }
            case 1: {
                double t = T1[k];
                return List.of(new Test("users change <= " + t, in -> in.feature(I_USERS_CHANGE) <= t),
                        new Test("tickets >= 2", in -> in.feature(I_TICKETS) >= 2), scoreBelow60);
            }
            case 2: {
                double t = T2[k];
                return List.of(new Test("seats < " + t, in -> in.feature(I_SEATS) < t), renewalWithin180);
            }
            case 3: {
                double t = T3[k];
                return List.of(new Test("tickets >= " + t, in -> in.feature(I_TICKETS) >= t), declining, scoreBelow60);
            }
            case 4: {
                double t = T4[k];
                return List.of(enteredBand("red"), new Test("arr >= " + t, in -> in.feature(I_ARR) >= t));
            }
            case 5: {
                double t = T5[k];
                return List.of(enteredBand("yellow"), loginsDown10, new Test("nps <= " + t, in -> in.feature(I_NPS) <= t));
            }
            case 6: {
                int days = T6[k];
                return List.of(new Test("renewal within " + days, in -> {
                    double d = in.feature(I_RENEWAL);
                    return d >= 0 && d <= days;
                }), scoreBelow60, enterpriseOrMid);
            }
            case 7: {
                double t = T7[k];
                return List.of(new Test("nps <= " + t, in -> in.feature(I_NPS) <= t), loginsDown10,
                        new Test("segment is enterprise", in -> "enterprise".equals(in.segment())));
            }
            case 8: {
                double t = T8[k];
                return List.of(new Test("score < " + t, in -> in.score() < t), new Test("seats < 0.5", in -> in.feature(I_SEATS) < 0.5),
                        renewalWithin180, declining);
            }
            default: {
                double t = T9[k];
                return List.of(new Test("seats >= " + t, in -> in.feature(I_SEATS) >= t),
                        new Test("logins change >= 10", in -> in.feature(I_LOGINS_CHANGE) >= 10),
                        new Test("direction is IMPROVING", in -> "IMPROVING".equals(in.direction())),
                        new Test("segment in (mid-market, smb)", in -> "mid-market".equals(in.segment()) || "smb".equals(in.segment())));
            }
        }
    }

    private static Test enteredBand(String label) {
        return new Test("band entered " + label, in -> label.equals(in.band()) && !label.equals(in.previousBand()));
    }
}
