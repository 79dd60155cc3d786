package org.cskit.model.columns;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.cskit.model.Account;
import org.cskit.model.Measurement;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneKind;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.RiskLevel;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessGap;
import org.cskit.model.SuccessMetric;
import org.cskit.model.SuccessPlan;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * A portfolio's success plans and sales handoffs as columns, one row per account: what the plan
 * features of {@link StandardFeatures} are derived from without an {@link Account} per account at
 * derivation time. The accounts are read once, at the edge ({@link #of(List)} or {@link Builder#add}),
 * into flat arrays (plans per row, milestones, open gaps and outcome measurements per plan, days as
 * epoch days); {@link #writeFeatures} then writes, for any day, every standard feature but the three
 * of the contract ({@link ContractColumns}): the values and observation counts
 * {@link StandardFeatures#write} gives for the same account and day, to the bit, and NaN with 0
 * observations where it leaves a feature missing.
 *
 * <p>Everything that does not depend on the day is worked out when an account is added: each
 * outcome measurement's attainment ratio, each plan's next review due with and without its last
 * review, its unowned high risks, which milestone each open gap waits on. An outcome measurement
 * whose attainment does not fit a double is refused when added, where the object path would refuse
 * it on a day it is the latest.
 *
 * <p>Memory: 12 bytes per account, 29 per plan, 10 per milestone, 4 per open gap and 20 per outcome
 * measurement. Immutable once built; not thread-safe while building.
 */
public final class PlanColumns {
    /** Marks a day that is not there (no handoff, not achieved, no review). */
    private static final int NONE = Integer.MIN_VALUE;
    private static final List<String> NAMES = List.of(StandardFeatures.HAS_PLAN, StandardFeatures.OUTCOME_ATTAINMENT,
            StandardFeatures.OUTCOME_ATTAINMENT_MIN, StandardFeatures.MILESTONES_ACHIEVED, StandardFeatures.MILESTONES_ON_TIME,
            StandardFeatures.MILESTONES_OVERDUE, StandardFeatures.MAX_DAYS_OVERDUE, StandardFeatures.FIRST_VALUE_DAYS_OVERDUE,
            StandardFeatures.NEXT_PHASE_DEFINED, StandardFeatures.OPEN_GAPS_DUE_SOON, StandardFeatures.HIGH_RISKS_UNOWNED,
            StandardFeatures.DAYS_TO_REVIEW, StandardFeatures.HANDOFF_DAYS_WITHOUT_PLAN, StandardFeatures.DAYS_TO_FIRST_VALUE);

    private final int rows;
    // per row
    private final int[] planFrom;
    private final int[] contractStart;
    private final int[] handoffDay;
    // per plan
    private final int[] milestoneFrom;
    private final int[] gapFrom;
    private final int[] measurementFrom;
    private final boolean[] nextPhase;
    private final int[] highRisksUnowned;
    private final int[] lastReview;
    private final int[] reviewAfterLast;
    private final int[] reviewAfterStart;
    // per milestone
    private final int[] due;
    private final int[] achievedOn;
    private final boolean[] cancelled;
    private final boolean[] firstValue;
    // per open gap: the milestone it waits on (an index into the milestone arrays)
    private final int[] gapMilestone;
    // per measurement of a plan's required outcome
    private final long[] measuredSecond;
    private final int[] measuredNano;
    private final double[] ratio;

    private PlanColumns(Builder b) {
        rows = b.rows;
        planFrom = Arrays.copyOf(b.planFrom, rows + 1);
        contractStart = Arrays.copyOf(b.contractStart, rows);
        handoffDay = Arrays.copyOf(b.handoffDay, rows);
        int plans = b.plans;
        milestoneFrom = Arrays.copyOf(b.milestoneFrom, plans + 1);
        gapFrom = Arrays.copyOf(b.gapFrom, plans + 1);
        measurementFrom = Arrays.copyOf(b.measurementFrom, plans + 1);
        nextPhase = Arrays.copyOf(b.nextPhase, plans);
        highRisksUnowned = Arrays.copyOf(b.highRisksUnowned, plans);
        lastReview = Arrays.copyOf(b.lastReview, plans);
        reviewAfterLast = Arrays.copyOf(b.reviewAfterLast, plans);
        reviewAfterStart = Arrays.copyOf(b.reviewAfterStart, plans);
        due = Arrays.copyOf(b.due, b.milestones);
        achievedOn = Arrays.copyOf(b.achievedOn, b.milestones);
        cancelled = Arrays.copyOf(b.cancelled, b.milestones);
        firstValue = Arrays.copyOf(b.firstValue, b.milestones);
        gapMilestone = Arrays.copyOf(b.gapMilestone, b.gaps);
        measuredSecond = Arrays.copyOf(b.measuredSecond, b.measurements);
        measuredNano = Arrays.copyOf(b.measuredNano, b.measurements);
        ratio = Arrays.copyOf(b.ratio, b.measurements);
    }

    /**
     * Reads the accounts' plans, one row per account in order.
     *
     * @param accounts the accounts
     * @return the columns
     * @throws ValidationException as {@link Builder#add} does, naming the row
     */
    public static PlanColumns of(List<Account> accounts) {
        Validate.present("accounts", accounts);
        Builder b = builder();
        for (Account a : accounts) {
            b.add(a);
        }
        return b.build();
    }

    /**
     * Starts empty columns, to add accounts one at a time (a large portfolio streamed from storage).
     *
     * @return a builder without rows
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The features {@link #writeFeatures} writes: every standard feature but the contract's.
     *
     * @return their names
     */
    public static List<String> featureNames() {
        return NAMES;
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /**
     * Writes the plan features as of a day into rows {@code [intoRow, intoRow + rows())}: those of
     * {@link #featureNames()} that {@code into}'s schema has, each of which must be a {@code double}
     * column with observation counts (as {@link FeatureColumns#allocate} makes); other features are
     * left alone. A feature {@link StandardFeatures#write} leaves missing is written as NaN with 0
     * observations. Allocates nothing per account.
     *
     * @param asOf the day (UTC)
     * @param into where to write
     * @param intoRow the row of {@code into} for row 0 of these plans
     * @throws ValidationException if the rows do not fit or a feature cannot be written; then nothing is written
     */
    public void writeFeatures(LocalDate asOf, FeatureColumns into, int intoRow) {
        Validate.present("asOf", asOf);
        Validate.present("into", into);
        if (intoRow < 0 || (long) intoRow + rows > into.rows()) {
            throw Validate.invalid("intoRow", "rows " + intoRow + " to " + ((long) intoRow + rows) + " do not fit in into's "
                    + into.rows() + " rows");
        }
        if (asOf.toEpochDay() < Integer.MIN_VALUE / 2 || asOf.toEpochDay() > Integer.MAX_VALUE / 2) {
            throw Validate.invalid("asOf", "day " + asOf + " is outside the days plan columns hold");
        }
        double[][] v = new double[NAMES.size()][];
        int[][] o = new int[NAMES.size()][];
        for (int k = 0; k < NAMES.size(); k++) {
            int index = into.schema().indexOf(NAMES.get(k));
            if (index < 0) {
                continue;
            }
            if (into.doubles(index) == null || into.observations(index) == null) {
                throw Validate.invalid("into." + NAMES.get(k), "into must hold feature '" + NAMES.get(k)
                        + "' as a double column with observation counts (as FeatureColumns.allocate makes)");
            }
            v[k] = into.doubles(index);
            o[k] = into.observations(index);
        }
        int day = (int) asOf.toEpochDay();
        long endOfDay = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Row out = new Row();
        for (int r = 0; r < rows; r++) {
            out.clear();
            row(r, day, endOfDay, out);
            int at = intoRow + r;
            for (int k = 0; k < out.value.length; k++) {
                if (v[k] != null) {
                    v[k][at] = out.value[k];
                    o[k][at] = out.count[k];
                }
            }
        }
    }

    /** One row's features, in the order of {@link #NAMES}; NaN and 0 where missing. */
    private static final class Row {
        final double[] value = new double[NAMES.size()];
        final int[] count = new int[NAMES.size()];

        void clear() {
            Arrays.fill(value, Double.NaN);
            Arrays.fill(count, 0);
        }

        void set(int k, double v, int c) {
            value[k] = v;
            count[k] = c;
        }
    }

    /** {@link StandardFeatures#write}, but for the contract's features, over the columns. */
    private void row(int r, int day, long endOfDay, Row out) {
        int p0 = planFrom[r];
        int p1 = planFrom[r + 1];
        out.set(0, p1 == p0 ? 0 : 1, 1);
        int firstValueOn = NONE;
        for (int p = p0; p < p1; p++) {
            for (int m = milestoneFrom[p]; m < milestoneFrom[p + 1]; m++) {
                if (firstValue[m] && achievedOn[m] != NONE && achievedOn[m] <= day && (firstValueOn == NONE || achievedOn[m] < firstValueOn)) {
                    firstValueOn = achievedOn[m];
                }
            }
        }
        if (firstValueOn != NONE) {
            out.set(13, (long) firstValueOn - contractStart[r], 1);
        }
        if (p1 == p0) {
            if (handoffDay[r] != NONE && handoffDay[r] <= day) {
                out.set(12, (long) day - handoffDay[r], 1);
            }
            return;
        }
        double attainmentSum = 0;
        double attainmentMin = Double.POSITIVE_INFINITY;
        int measured = 0;
        int measurements = 0;
        int total = 0;
        int achieved = 0;
        int onTime = 0;
        int overdue = 0;
        long maxOverdue = 0;
        long firstValueOverdue = -1;
        boolean allNextPhases = true;
        int gapsDueSoon = 0;
        int risksUnowned = 0;
        long daysToReview = Long.MAX_VALUE;
        for (int p = p0; p < p1; p++) {
            int latest = -1; // SuccessMetric.latestAsOf: the last in list order taken before the end of the day
            for (int i = measurementFrom[p + 1] - 1; i >= measurementFrom[p]; i--) {
                if (measuredSecond[i] < endOfDay) {
                    latest = i;
                    break;
                }
            }
            if (latest >= 0) {
                measured++;
                attainmentSum += ratio[latest];
                attainmentMin = Math.min(attainmentMin, ratio[latest]);
                for (int i = measurementFrom[p]; i < measurementFrom[p + 1]; i++) {
                    if (measuredSecond[i] < measuredSecond[latest]
                            || measuredSecond[i] == measuredSecond[latest] && measuredNano[i] <= measuredNano[latest]) {
                        measurements++;
                    }
                }
            }
            for (int m = milestoneFrom[p]; m < milestoneFrom[p + 1]; m++) {
                boolean achievedBy = achievedOn[m] != NONE && achievedOn[m] <= day;
                boolean open = !cancelled[m] && !achievedBy;
                boolean late = open && due[m] < day;
                if (!cancelled[m]) {
                    total++;
                    if (achievedBy) {
                        achieved++;
                        if (achievedOn[m] <= due[m]) {
                            onTime++;
                        }
                    } else if (late) {
                        overdue++;
                    }
                }
                if (late) {
                    maxOverdue = Math.max(maxOverdue, (long) day - due[m]);
                }
                if (firstValue[m] && open) {
                    firstValueOverdue = Math.max(firstValueOverdue, Math.max(0, (long) day - due[m]));
                }
            }
            allNextPhases &= nextPhase[p];
            for (int g = gapFrom[p]; g < gapFrom[p + 1]; g++) {
                int m = gapMilestone[g];
                boolean open = !cancelled[m] && !(achievedOn[m] != NONE && achievedOn[m] <= day);
                if (open && (long) due[m] <= (long) day + StandardFeatures.GAP_HORIZON_DAYS) {
                    gapsDueSoon++;
                }
            }
            risksUnowned += highRisksUnowned[p];
            int review = lastReview[p] != NONE && lastReview[p] <= day ? reviewAfterLast[p] : reviewAfterStart[p];
            daysToReview = Math.min(daysToReview, (long) review - day);
        }
        if (measured > 0) {
            out.set(1, attainmentSum / measured, measurements);
            out.set(2, attainmentMin, measurements);
        }
        int plans = p1 - p0;
        out.set(3, total == 0 ? 0.0 : (double) achieved / total, total);
        out.set(4, total == 0 ? 0.0 : (double) onTime / total, total);
        out.set(5, overdue, total);
        out.set(6, maxOverdue, total);
        if (firstValueOverdue >= 0) {
            out.set(7, firstValueOverdue, 1);
        }
        out.set(8, allNextPhases ? 1 : 0, plans);
        out.set(9, gapsDueSoon, plans);
        out.set(10, risksUnowned, plans);
        out.set(11, daysToReview, plans);
    }

    @Override
    public String toString() {
        return "PlanColumns[" + rows + " rows, " + nextPhase.length + " plans, " + due.length + " milestones, " + gapMilestone.length
                + " open gaps, " + ratio.length + " outcome measurements]";
    }

    /** Reads accounts into {@link PlanColumns}, one row each; not thread-safe. */
    public static final class Builder {
        private int rows;
        private int plans;
        private int milestones;
        private int gaps;
        private int measurements;
        private int[] planFrom = new int[17];
        private int[] contractStart = new int[16];
        private int[] handoffDay = new int[16];
        private int[] milestoneFrom = new int[17];
        private int[] gapFrom = new int[17];
        private int[] measurementFrom = new int[17];
        private boolean[] nextPhase = new boolean[16];
        private int[] highRisksUnowned = new int[16];
        private int[] lastReview = new int[16];
        private int[] reviewAfterLast = new int[16];
        private int[] reviewAfterStart = new int[16];
        private int[] due = new int[16];
        private int[] achievedOn = new int[16];
        private boolean[] cancelled = new boolean[16];
        private boolean[] firstValue = new boolean[16];
        private int[] gapMilestone = new int[16];
        private long[] measuredSecond = new long[16];
        private int[] measuredNano = new int[16];
        private double[] ratio = new double[16];

        private Builder() {}

        /**
         * Adds an account as the next row. Nothing is added if it is refused.
         *
         * @param account the account
         * @return this builder
         * @throws ValidationException naming the row if a day of its plans, handoff or contract lies
         *     beyond about 2.9 million years from 1970, or an outcome measurement's attainment does not
         *     fit a double
         */
        public Builder add(Account account) {
            Validate.present("account", account);
            List<SuccessPlan> list = account.plans();
            String where = "accounts[" + rows + "]";
            // Check everything first, so that a refused account leaves nothing behind.
            int start = day(where + ".contract.startDate", account.contract().startDate());
            int handoff = account.handoff().isPresent() ? day(where + ".handoff.handedOverOn", account.handoff().get().handedOverOn()) : NONE;
            int ms = 0;
            int ns = 0;
            int gs = 0;
            for (int i = 0; i < list.size(); i++) {
                SuccessPlan plan = list.get(i);
                String at = where + ".plans[" + i + "]";
                day(at + ".startDate", plan.startDate());
                day(at + ".nextReviewDue", plan.startDate().plus(plan.reviewCadence()));
                if (plan.lastReviewOn().isPresent()) {
                    day(at + ".lastReviewOn", plan.lastReviewOn().get());
                    day(at + ".nextReviewDue", plan.lastReviewOn().get().plus(plan.reviewCadence()));
                }
                for (Milestone m : plan.milestones()) {
                    day(at + ".milestones.dueDate", m.dueDate());
                    if (m.achievedOn().isPresent()) {
                        day(at + ".milestones.achievedOn", m.achievedOn().get());
                    }
                }
                ms += plan.milestones().size();
                SuccessMetric metric = plan.desiredOutcome().requiredOutcome().metric();
                for (Measurement m : metric.measurements()) {
                    metric.attainmentOf(m.value()); // refuses one that overflows, as the object path would on its day
                }
                ns += metric.measurements().size();
                gs += (int) plan.gaps().stream().filter(g -> !g.closed()).count();
            }
            ensure(rows + 1, list.size(), ms, gs, ns);
            contractStart[rows] = start;
            handoffDay[rows] = handoff;
            for (SuccessPlan plan : list) {
                int firstMilestone = milestones;
                for (Milestone m : plan.milestones()) {
                    due[milestones] = (int) m.dueDate().toEpochDay();
                    achievedOn[milestones] = m.achievedOn().map(d -> (int) d.toEpochDay()).orElse(NONE);
                    cancelled[milestones] = m.status() == MilestoneStatus.CANCELLED;
                    firstValue[milestones] = m.kind() == MilestoneKind.FIRST_VALUE;
                    milestones++;
                }
                for (SuccessGap g : plan.gaps()) {
                    if (!g.closed()) {
                        int index = plan.milestones().indexOf(plan.milestone(g.milestone()).orElseThrow());
                        gapMilestone[gaps++] = firstMilestone + index;
                    }
                }
                SuccessMetric metric = plan.desiredOutcome().requiredOutcome().metric();
                for (Measurement m : metric.measurements()) {
                    measuredSecond[measurements] = m.at().getEpochSecond();
                    measuredNano[measurements] = m.at().getNano();
                    ratio[measurements] = metric.attainmentOf(m.value());
                    measurements++;
                }
                nextPhase[plans] = plan.nextPhase().isPresent();
                highRisksUnowned[plans] = (int) plan.risks().stream().filter(k -> k.level() == RiskLevel.HIGH && k.ownerSide().isEmpty())
                        .count();
                lastReview[plans] = plan.lastReviewOn().map(d -> (int) d.toEpochDay()).orElse(NONE);
                reviewAfterLast[plans] = plan.lastReviewOn().map(d -> (int) d.plus(plan.reviewCadence()).toEpochDay()).orElse(NONE);
                reviewAfterStart[plans] = (int) plan.startDate().plus(plan.reviewCadence()).toEpochDay();
                plans++;
                milestoneFrom[plans] = milestones;
                gapFrom[plans] = gaps;
                measurementFrom[plans] = measurements;
            }
            rows++;
            planFrom[rows] = plans;
            return this;
        }

        /** A day as an int epoch day, kept well inside int so that day differences cannot overflow. */
        private static int day(String field, LocalDate d) {
            long e = d.toEpochDay();
            if (e <= Integer.MIN_VALUE / 2 || e >= Integer.MAX_VALUE / 2) {
                throw Validate.invalid(field, field + " is " + d + "; plan columns hold days within about 2.9 million years of 1970");
            }
            return (int) e;
        }

        private void ensure(int row, int newPlans, int newMilestones, int newGaps, int newMeasurements) {
            if (row + 1 > planFrom.length) {
                int n = Math.max(row + 1, planFrom.length * 2);
                planFrom = Arrays.copyOf(planFrom, n);
                contractStart = Arrays.copyOf(contractStart, n);
                handoffDay = Arrays.copyOf(handoffDay, n);
            }
            int p = plans + newPlans;
            if (p + 1 > milestoneFrom.length) {
                int n = Math.max(p + 1, milestoneFrom.length * 2);
                milestoneFrom = Arrays.copyOf(milestoneFrom, n);
                gapFrom = Arrays.copyOf(gapFrom, n);
                measurementFrom = Arrays.copyOf(measurementFrom, n);
                nextPhase = Arrays.copyOf(nextPhase, n);
                highRisksUnowned = Arrays.copyOf(highRisksUnowned, n);
                lastReview = Arrays.copyOf(lastReview, n);
                reviewAfterLast = Arrays.copyOf(reviewAfterLast, n);
                reviewAfterStart = Arrays.copyOf(reviewAfterStart, n);
            }
            int m = milestones + newMilestones;
            if (m > due.length) {
                int n = Math.max(m, due.length * 2);
                due = Arrays.copyOf(due, n);
                achievedOn = Arrays.copyOf(achievedOn, n);
                cancelled = Arrays.copyOf(cancelled, n);
                firstValue = Arrays.copyOf(firstValue, n);
            }
            if (gaps + newGaps > gapMilestone.length) {
                gapMilestone = Arrays.copyOf(gapMilestone, Math.max(gaps + newGaps, gapMilestone.length * 2));
            }
            int s = measurements + newMeasurements;
            if (s > ratio.length) {
                int n = Math.max(s, ratio.length * 2);
                measuredSecond = Arrays.copyOf(measuredSecond, n);
                measuredNano = Arrays.copyOf(measuredNano, n);
                ratio = Arrays.copyOf(ratio, n);
            }
        }

        /**
         * Builds the columns (arrays trimmed to their length).
         *
         * @return the columns
         */
        public PlanColumns build() {
            return new PlanColumns(this);
        }
    }
}
