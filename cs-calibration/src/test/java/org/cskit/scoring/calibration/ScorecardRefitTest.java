package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.calibration.TrainingSetTest.assertViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MetricDirection;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.OutcomeAndPlan;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.junit.jupiter.api.Test;

class ScorecardRefitTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of("logins", "tickets", "noise", StandardFeatures.OUTCOME_ATTAINMENT,
            StandardFeatures.MILESTONES_ACHIEVED, StandardFeatures.MILESTONES_ON_TIME, StandardFeatures.MILESTONES_OVERDUE,
            StandardFeatures.HAS_PLAN);

    /** Judgement weights: noise weighs most, attainment (which decides churn) sits in the outcome group. */
    static Scorecard handMade() {
        return Scorecard.builder().id(ScorecardId.of("hand-made")).addGroups(
                ScorecardGroup.of("usage", 3,
                        ScorecardInput.builder().name("logins").weight(1).normalizer(new Normalizer.Linear(0, 40)).build(),
                        ScorecardInput.builder().name("noise").weight(4).normalizer(new Normalizer.Linear(0, 1)).build()),
                ScorecardGroup.of("support", 1, ScorecardInput.builder().name("tickets").weight(1).normalizer(new Normalizer.Linear(0, 10))
                        .direction(MetricDirection.LOWER_IS_BETTER).build()),
                OutcomeAndPlan.group(1)).build();
    }

    /** Churn falls with attainment (strongly) and logins, rises with tickets; noise and the milestones say nothing. */
    static List<AccountSnapshot> accounts(long seed, int n, boolean[] churned) {
        SplittableRandom random = new SplittableRandom(seed);
        List<AccountSnapshot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double logins = random.nextInt(40);
            double tickets = random.nextInt(10);
            double attainment = random.nextDouble();
            Features f = Features.builder(SCHEMA).set("logins", logins, 1).set("tickets", tickets, 1).set("noise", random.nextDouble(), 1)
                    .set(StandardFeatures.OUTCOME_ATTAINMENT, attainment, 1).set(StandardFeatures.MILESTONES_ACHIEVED, random.nextDouble(), 1)
                    .set(StandardFeatures.MILESTONES_ON_TIME, random.nextDouble(), 1).set(StandardFeatures.MILESTONES_OVERDUE, random.nextInt(4), 1)
                    .set(StandardFeatures.HAS_PLAN, 1, 1).build();
            double logit = 1.5 - 4 * attainment - 0.03 * logins + 0.1 * tickets;
            churned[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            out.add(AccountSnapshot.builder().accountId(AccountId.of("a" + i)).asOf(Instant.parse("2026-01-01T00:00:00Z"))
                    .segment(Segment.of("smb", EngagementModel.SCALED)).lifecycleStage(LifecycleStage.STEADY_STATE).features(f).build());
        }
        return out;
    }

    @Test
    void refit_judgementWeights_ranksRowsItNeverSawBetter_andKeepsTheGroups() {
        boolean[] trainY = new boolean[3000];
        List<AccountSnapshot> train = accounts(1, 3000, trainY);
        boolean[] testY = new boolean[2000];
        List<AccountSnapshot> test = accounts(2, 2000, testY);

        ScorecardRefit refit = ScorecardRefit.of(handMade(), train, trainY, 1.0);

        Evaluation before = Evaluation.of(handMade(), test, testY, 200, 1);
        Evaluation after = Evaluation.of(refit.scorecard(), test, testY, 200, 1);
        assertThat(after.auc()).as("after %s, before %s", after.auc(), before.auc()).isGreaterThan(before.auc() + 0.1);
        assertThat(refit.scorecard().groups()).extracting(ScorecardGroup::name).contains("usage", "support", OutcomeAndPlan.GROUP);
        assertThat(refit.scorecard().version()).isEqualTo(2);
        ScorecardRefit.InputWeight attainment = refit.weights().stream().filter(w -> w.input().equals("outcome_attainment")).findFirst()
                .orElseThrow();
        ScorecardRefit.InputWeight noise = refit.weights().stream().filter(w -> w.input().equals("noise")).findFirst().orElseThrow();
        assertThat(attainment.after()).isGreaterThan(attainment.before());
        assertThat(noise.before()).isCloseTo(0.48, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(noise.after()).isLessThan(0.1);
        // normalisers, directions and policies are kept; only weights change
        ScorecardInput tickets = refit.scorecard().groups().stream().filter(g -> g.name().equals("support")).findFirst().orElseThrow()
                .inputs().get(0);
        assertThat(tickets.direction()).isEqualTo(MetricDirection.LOWER_IS_BETTER);
        assertThat(tickets.normalizer()).isEqualTo(new Normalizer.Linear(0, 10));
    }

    @Test
    void refit_inputThatDoesNotLowerChurn_isLeftOutAndSaysWhy_andItsEmptyGroupGoes() {
        boolean[] y = new boolean[3000];
        List<AccountSnapshot> rows = accounts(1, 3000, y);
        // tickets the wrong way round: its goodness rises with churn
        Scorecard wrong = Scorecard.builder().from(handMade()).groups(List.of(handMade().groups().get(0),
                ScorecardGroup.of("support", 1, ScorecardInput.builder().name("tickets").weight(1).normalizer(new Normalizer.Linear(0, 10))
                        .build()), handMade().groups().get(2))).build();

        ScorecardRefit refit = ScorecardRefit.of(wrong, rows, y, 1.0);

        assertThat(refit.leftOut()).anyMatch(s -> s.startsWith("tickets (group support): coefficient 0.")
                && s.endsWith(", its goodness does not lower churn"));
        assertThat(refit.scorecard().groups()).extracting(ScorecardGroup::name).doesNotContain("support").contains("usage");
        assertThat(refit.weights().stream().filter(w -> w.input().equals("tickets")).findFirst().orElseThrow().after()).isZero();
    }

    @Test
    void refit_badInput_namesTheField() {
        boolean[] y = new boolean[10];
        List<AccountSnapshot> rows = accounts(1, 10, y);

        assertViolation(() -> ScorecardRefit.of(handMade(), rows, new boolean[9], 1.0), "churned", "there are 10 snapshots but 9 outcomes");
        assertViolation(() -> ScorecardRefit.of(handMade(), rows, new boolean[10], 1.0), "churned",
                "a refit needs churned and renewed accounts, but all 10 renewed");
        Scorecard other = Scorecard.builder().from(handMade()).addGroups(ScorecardGroup.of("extra", 1,
                ScorecardInput.builder().name("seats").weight(1).normalizer(new Normalizer.Linear(0, 1)).build())).build();
        boolean[] mixed = y.clone();
        mixed[0] = true;
        mixed[1] = false;
        assertViolation(() -> ScorecardRefit.of(other, rows, mixed, 1.0), "snapshots[0]", "snapshot 0 has no feature 'seats', which input "
                + "'seats' reads; known features: " + String.join(", ", SCHEMA.names()));
    }

    @Test
    void fromSnapshots_oneNumericColumnPerFeature_withIdsAndTimes() {
        boolean[] y = new boolean[50];
        List<AccountSnapshot> rows = accounts(3, 50, y);
        y[0] = true;
        y[1] = false;

        TrainingSet set = TrainingSet.fromSnapshots(rows, y, List.of("logins", "tickets"));

        assertThat(set.columns()).extracting(TrainingSet.Column::name).containsExactly("logins", "tickets");
        assertThat(set.column("logins").orElseThrow().number(7)).isEqualTo(rows.get(7).features().value("logins").getAsDouble());
        assertThat(set.id(3)).contains("a3");
        assertThat(set.asOf(3)).contains(Instant.parse("2026-01-01T00:00:00Z"));
        // every feature: has_plan is 1 in every snapshot, and a constant column is refused by name, not dropped
        assertViolation(() -> TrainingSet.fromSnapshots(rows, y), "columns[7]", "column '" + StandardFeatures.HAS_PLAN
                + "' is constant: every row is '1' or missing");
    }

    @Test
    void fromSnapshots_badInput_namesTheField() {
        boolean[] y = new boolean[5];
        y[0] = true;
        List<AccountSnapshot> rows = new ArrayList<>(accounts(3, 5, y));
        y[0] = true;
        y[1] = false;

        assertViolation(() -> TrainingSet.fromSnapshots(rows, y, List.of("logins", "seats")), "features[1]",
                "feature 'seats' is not in the snapshots' schema; known features: " + String.join(", ", SCHEMA.names()));
        assertViolation(() -> TrainingSet.fromSnapshots(rows, new boolean[4]), "churned", "there are 5 snapshots but 4 outcomes");
        rows.set(2, AccountSnapshot.builder().from(rows.get(2)).features(Features.builder(FeatureSchema.of("logins")).set("logins", 1, 1)
                .build()).build());
        assertViolation(() -> TrainingSet.fromSnapshots(rows, y), "snapshots[2]", "snapshot 2 (account 'a2') has features [logins], but the "
                + "first has " + SCHEMA.names() + "; all must share one schema");
    }

    @Test
    void fromColumns_sameRowsAsFromSnapshots_whateverTheColumnType() {
        boolean[] y = new boolean[40];
        List<AccountSnapshot> rows = accounts(5, 40, y);
        y[0] = true;
        y[1] = false;
        int n = rows.size();
        float[] logins = new float[n];
        int[] tickets = new int[n];
        double[] noise = new double[n];
        for (int r = 0; r < n; r++) {
            Features f = rows.get(r).features();
            logins[r] = r % 7 == 3 ? Float.NaN : (float) f.value("logins").getAsDouble(); // whole numbers: exact as floats
            tickets[r] = (int) f.value("tickets").getAsDouble();
            noise[r] = f.value("noise").getAsDouble();
        }
        List<AccountSnapshot> same = new ArrayList<>();
        for (int r = 0; r < n; r++) { // the snapshots with the same missing logins
            Features f = rows.get(r).features();
            Features.Builder b = Features.builder(FeatureSchema.of("logins", "tickets", "noise"))
                    .set("tickets", tickets[r], 1).set("noise", noise[r], 1);
            if (r % 7 != 3) {
                b.set("logins", f.value("logins").getAsDouble(), 1);
            }
            same.add(AccountSnapshot.builder().from(rows.get(r)).features(b.build()).build());
        }
        FeatureColumns columns = FeatureColumns.builder(FeatureSchema.of("logins", "tickets", "noise"), n)
                .feature("logins", logins).feature("tickets", tickets).feature("noise", noise).build();
        AccountBatch batch = AccountBatch.builder(columns).asOf(Instant.parse("2026-01-01T00:00:00Z"))
                .accountIds(r -> AccountId.of("a" + r)).segments(List.of(Segment.of("smb", EngagementModel.SCALED)), null)
                .stage(LifecycleStage.STEADY_STATE).build();

        TrainingSet fromColumns = TrainingSet.fromColumns(batch, y);
        TrainingSet fromSnapshots = TrainingSet.fromSnapshots(same, y);

        assertThat(fromColumns.columns()).extracting(TrainingSet.Column::name).containsExactly("logins", "tickets", "noise");
        for (int c = 0; c < 3; c++) {
            assertThat(fromColumns.columns().get(c).numbers()).containsExactly(fromSnapshots.columns().get(c).numbers());
        }
        for (int r = 0; r < n; r++) {
            assertThat(fromColumns.id(r)).isEqualTo(fromSnapshots.id(r));
            assertThat(fromColumns.asOf(r)).isEqualTo(fromSnapshots.asOf(r));
            assertThat(fromColumns.churned(r)).isEqualTo(y[r]);
        }
        assertThat(Double.isNaN(fromColumns.column("logins").orElseThrow().number(3))).isTrue();
        // a slice's rows are its own
        assertThat(TrainingSet.fromColumns(batch.slice(10, 40), java.util.Arrays.copyOfRange(y, 10, 40)).id(0)).contains("a10");
    }

    @Test
    void fromColumns_badInput_namesTheField() {
        boolean[] y = {true, false, true};
        FeatureColumns columns = FeatureColumns.builder(FeatureSchema.of("logins"), 3).feature("logins", new double[] {1, 2, 3}).build();
        AccountBatch batch = AccountBatch.builder(columns).asOf(Instant.parse("2026-01-01T00:00:00Z"))
                .accountIds(r -> AccountId.of("a" + r)).segments(List.of(Segment.of("smb", EngagementModel.SCALED)), null)
                .stage(LifecycleStage.STEADY_STATE).build();

        assertViolation(() -> TrainingSet.fromColumns(batch, new boolean[2]), "churned", "the batch has 3 rows but there are 2 outcomes");
        assertViolation(() -> TrainingSet.fromColumns(batch, y, List.of("seats")), "features[0]",
                "feature 'seats' is not in the batch's schema; known features: logins");
        assertViolation(() -> TrainingSet.fromColumns(batch.slice(0, 0), new boolean[0]), "batch",
                "a training set needs at least one row, but the batch was empty");
    }
}
