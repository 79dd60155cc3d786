package org.cskit.benchmarks.nightly;

import java.util.Arrays;
import java.util.List;
import org.cskit.model.FeatureSchema;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.playbooks.BuiltInPlaybooks;

/**
 * The 17 built-in playbooks ({@link BuiltInPlaybooks#all()}) written out for the nightly floor, for
 * one night without events: the three event playbooks cannot fire, the other fourteen are their
 * triggers and conditions as plain comparisons on the slice's derived features, the slice's contract
 * and plan facts and the row's band, with a dense array of the last play per account and playbook for
 * their cooldowns and the two exclusion groups decided as the engine does (of two members that fire,
 * the more urgent one makes the play). Band codes red 0, yellow 1, green 2. Not thread-safe; one per
 * thread, {@link #slice} before each slice.
 */
final class BuiltInRows {
    /** The playbooks that can fire without events, in the set's order. */
    private static final int LOW_ADOPTION = 0;
    private static final int SUPPORT_SPIKE = 1;
    private static final int RENEWAL_AT_RISK = 2;
    private static final int EXPANSION_READY = 3;
    private static final int FIRST_VALUE_OVERDUE = 4;
    private static final int ONBOARDING_0_7 = 5;
    private static final int ONBOARDING_7_30 = 6;
    private static final int ONBOARDING_30_90 = 7;
    private static final int NO_SUCCESS_PLAN = 8;
    private static final int TARGET_NEAR_NO_NEXT_PHASE = 9;
    private static final int SUCCESS_GAP_NEAR_DUE = 10;
    private static final int HIGH_RISK_UNOWNED = 11;
    private static final int PLAN_REVIEW_DUE = 12;
    private static final int PROMISED_OUTCOME_NO_PLAN = 13;
    private static final int SLOTS = 14;
    private static final long DAY = 86_400_000L;
    /** Cooldown per slot in milliseconds (0: none; the play stays open, which the first night does not meet). */
    private static final long[] COOLDOWN = new long[SLOTS];
    private static final long NEVER = Long.MIN_VALUE;
    private static final byte RED = 0;
    private static final byte GREEN = 2;
    private static final byte DECLINING = 2;

    static {
        COOLDOWN[LOW_ADOPTION] = 30 * DAY;
        COOLDOWN[SUPPORT_SPIKE] = 14 * DAY;
        COOLDOWN[EXPANSION_READY] = 90 * DAY;
        COOLDOWN[SUCCESS_GAP_NEAR_DUE] = 14 * DAY;
        COOLDOWN[HIGH_RISK_UNOWNED] = 30 * DAY;
        COOLDOWN[PLAN_REVIEW_DUE] = 14 * DAY;
    }

    private final long[] last;
    private final int seatsAt;
    private final int ticketsAt;
    private final int ticketsChangeAt;
    private final int daysSinceStartAt;
    private final int daysToRenewalAt;
    private final int attainmentAt;
    private final int firstValueOverdueAt;
    private final int planPresentAt;
    private final int nextPhaseDefinedAt;
    private final int gapsDueSoonAt;
    private final int risksUnownedAt;
    private final int daysToReviewAt;
    private final int handoffDaysWithoutPlanAt;
    private float[] daysSinceStart;
    private float[] daysToRenewal;
    private float[] attainment;
    private float[] firstValueOverdue;
    private float[] planPresent;
    private float[] nextPhaseDefined;
    private float[] gapsDueSoon;
    private float[] risksUnowned;
    private float[] daysToReview;
    private float[] handoffDaysWithoutPlan;
    private double[] seats;
    private double[] tickets;
    private double[] ticketsChange;
    private long plays;

    /**
     * @param accounts the most accounts in a slice
     * @param derived the schema of the derived features
     * @param standard the schema of the facts {@link #slice} is given
     */
    BuiltInRows(int accounts, FeatureSchema derived, FeatureSchema standard) {
        this.last = new long[accounts * SLOTS];
        this.seatsAt = derived.indexOf(BuiltInPlaybooks.SEAT_UTILISATION);
        this.ticketsAt = derived.indexOf(BuiltInPlaybooks.TICKETS);
        this.ticketsChangeAt = derived.indexOf(BuiltInPlaybooks.TICKETS_CHANGE_PCT);
        this.daysSinceStartAt = standard.indexOf(StandardFeatures.DAYS_SINCE_START);
        this.daysToRenewalAt = standard.indexOf(StandardFeatures.DAYS_TO_RENEWAL);
        this.attainmentAt = standard.indexOf(StandardFeatures.OUTCOME_ATTAINMENT);
        this.firstValueOverdueAt = standard.indexOf(StandardFeatures.FIRST_VALUE_DAYS_OVERDUE);
        this.planPresentAt = standard.indexOf(StandardFeatures.HAS_PLAN);
        this.nextPhaseDefinedAt = standard.indexOf(StandardFeatures.NEXT_PHASE_DEFINED);
        this.gapsDueSoonAt = standard.indexOf(StandardFeatures.OPEN_GAPS_DUE_SOON);
        this.risksUnownedAt = standard.indexOf(StandardFeatures.HIGH_RISKS_UNOWNED);
        this.daysToReviewAt = standard.indexOf(StandardFeatures.DAYS_TO_REVIEW);
        this.handoffDaysWithoutPlanAt = standard.indexOf(StandardFeatures.HANDOFF_DAYS_WITHOUT_PLAN);
        if (seatsAt < 0 || ticketsAt < 0 || ticketsChangeAt < 0) {
            throw new IllegalArgumentException("the derived features " + derived.names() + " lack one the built-ins read");
        }
    }

    /**
     * A new slice: its derived features, its facts (read in place, row {@code k} of the slice at index {@code k}), and a
     * fresh cooldown history.
     */
    void slice(FeatureColumns features, float[][] facts) {
        daysSinceStart = facts[daysSinceStartAt];
        daysToRenewal = facts[daysToRenewalAt];
        attainment = facts[attainmentAt];
        firstValueOverdue = facts[firstValueOverdueAt];
        planPresent = facts[planPresentAt];
        nextPhaseDefined = facts[nextPhaseDefinedAt];
        gapsDueSoon = facts[gapsDueSoonAt];
        risksUnowned = facts[risksUnownedAt];
        daysToReview = facts[daysToReviewAt];
        handoffDaysWithoutPlan = facts[handoffDaysWithoutPlanAt];
        seats = features.doubles(seatsAt);
        tickets = features.doubles(ticketsAt);
        ticketsChange = features.doubles(ticketsChangeAt);
        Arrays.fill(last, NEVER);
    }

    long plays() {
        return plays;
    }

    private boolean ready(int k, int slot, long now) {
        long l = last[k * SLOTS + slot];
        return l == NEVER || COOLDOWN[slot] > 0 && now - l >= COOLDOWN[slot];
    }

    private void play(int k, int slot, long now) {
        last[k * SLOTS + slot] = now;
        plays++;
    }

    private void fire(int k, int slot, long now) {
        if (ready(k, slot, now)) {
            play(k, slot, now);
        }
    }

    /**
     * The fourteen playbooks for row {@code k} of the slice.
     *
     * @param band today's band code
     * @param direction today's direction code ({@code -1}: none)
     */
    void evaluate(int k, long now, byte band, byte direction) {
        double seat = seats[k];
        double dss = daysSinceStart[k];
        double dtr = daysToRenewal[k];
        double att = attainment[k];
        // Group "adoption": low-adoption (high) before expansion-ready (normal).
        boolean lowAdoption = seat < 0.4 && dss >= 30;
        if (lowAdoption) {
            fire(k, LOW_ADOPTION, now);
        } else if (seat >= 0.9 && band == GREEN && att >= 0.8) {
            fire(k, EXPANSION_READY, now);
        }
        if (ticketsChange[k] >= 50 && tickets[k] >= 3) {
            fire(k, SUPPORT_SPIKE, now);
        }
        if (dtr <= 120 && dtr >= 0 && (band == RED || direction == DECLINING)) {
            fire(k, RENEWAL_AT_RISK, now);
        }
        if (firstValueOverdue[k] >= 7) {
            fire(k, FIRST_VALUE_OVERDUE, now);
        }
        if (dss >= 0 && dss < 7) {
            fire(k, ONBOARDING_0_7, now);
        } else if (dss >= 7 && dss < 30) {
            fire(k, ONBOARDING_7_30, now);
        } else if (dss >= 30 && dss < 90) {
            fire(k, ONBOARDING_30_90, now);
        }
        // Group "no-plan": promised-outcome-no-plan (urgent) before no-success-plan (high).
        if (handoffDaysWithoutPlan[k] >= 14) {
            fire(k, PROMISED_OUTCOME_NO_PLAN, now);
        } else if (planPresent[k] == 0 && dss >= 14) {
            fire(k, NO_SUCCESS_PLAN, now);
        }
        if (att >= 0.8 && nextPhaseDefined[k] == 0) {
            fire(k, TARGET_NEAR_NO_NEXT_PHASE, now);
        }
        if (gapsDueSoon[k] >= 1) {
            fire(k, SUCCESS_GAP_NEAR_DUE, now);
        }
        if (risksUnowned[k] >= 1) {
            fire(k, HIGH_RISK_UNOWNED, now);
        }
        if (daysToReview[k] <= 7) {
            fire(k, PLAN_REVIEW_DUE, now);
        }
    }

    /** The playbook ids written out here, in slot order: a check that the set is the one written for. */
    static final List<String> IDS = List.of("low-adoption", "support-spike", "renewal-at-risk", "expansion-ready", "first-value-overdue",
            "onboarding-days-0-7", "onboarding-days-7-30", "onboarding-days-30-90", "no-success-plan", "target-near-no-next-phase",
            "success-gap-near-due", "high-risk-unowned", "plan-review-due", "promised-outcome-no-plan");
}
