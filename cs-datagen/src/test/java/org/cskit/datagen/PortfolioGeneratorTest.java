package org.cskit.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MetricDirection;
import org.cskit.model.MilestoneKind;
import org.cskit.model.Money;
import org.cskit.model.PlanProgress;
import org.cskit.model.ScorecardId;
import org.cskit.model.Signal;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessPlan;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.json.CsJson;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.calibration.Evaluation;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.portfolio.RetentionReport;
import org.cskit.datagen.GeneratedAccount.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortfolioGeneratorTest {
    private static final CsJson JSON = CsJson.create();
    private static final PortfolioGenerator PORTFOLIO = PortfolioGenerator.builder().seed(7).accounts(2000)
            .start(LocalDate.of(2026, 1, 1)).months(12).build();
    private static List<GeneratedAccount> accounts;

    @BeforeAll
    static void generate() {
        accounts = PORTFOLIO.stream().toList();
    }

    @Test
    void signalColumns_holdEachAccountsSignalsInTheSpan_andDeriveItsSnapshotsFeatures() {
        LocalDate day = LocalDate.of(2026, 8, 3);
        Instant asOf = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Duration lookback = Duration.ofDays(180);
        int from = 100;
        int to = 300;

        SignalColumns columns = PORTFOLIO.signalColumns(from, to, asOf, lookback);

        assertThat(columns.rows()).isEqualTo(to - from);
        FeatureDeriver deriver = FeatureDeriver.of(PortfolioGenerator.featureDefinitions());
        FeatureColumns features = FeatureColumns.allocate(deriver.schema(), to - from);
        deriver.derive(columns, asOf, features);
        long observations = 0;
        for (int row = 0; row < to - from; row++) {
            GeneratedAccount a = accounts.get(from + row);
            List<Signal> expected = a.signals().stream()
                    .filter(s -> s.observedAt().isAfter(asOf.minus(lookback)) && !s.observedAt().isAfter(asOf)).toList();
            List<String> actual = new ArrayList<>();
            for (SignalColumn c : columns.columns()) {
                for (int i = 0; i < c.count(); i++) {
                    if (c.rows()[i] == row) {
                        actual.add(c.name() + " " + Instant.ofEpochMilli(c.times()[i]) + " " + c.values()[i]);
                    }
                }
            }
            assertThat(actual).as("account %d", from + row).containsExactlyInAnyOrderElementsOf(
                    expected.stream().map(s -> s.name() + " " + s.observedAt() + " " + s.value()).toList());
            observations += expected.size();
            AccountSnapshot snapshot = a.snapshot(day);
            for (int f = 0; f < deriver.schema().size(); f++) {
                String name = deriver.schema().names().get(f);
                int at = snapshot.features().schema().indexOf(name);
                assertThat(Double.doubleToLongBits(features.value(f, row))).as("%s of account %d", name, from + row)
                        .isEqualTo(Double.doubleToLongBits(snapshot.features().valueAt(at)));
                assertThat(features.observations(f, row)).isEqualTo(snapshot.features().observationsAt(at));
            }
        }
        assertThat(observations).as("about 4 weekly signals for 26 weeks, fewer for churned accounts").isGreaterThan(60L * (to - from));
    }

    @Test
    void signalColumns_badRangeOrLookback_isRejected() {
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
        assertThatThrownBy(() -> PORTFOLIO.signalColumns(10, 2001, asOf, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class).hasMessage("accounts [10, 2001) are not within [0, 2000)");
        assertThatThrownBy(() -> PORTFOLIO.signalColumns(0, 1, asOf, Duration.ZERO))
                .isInstanceOf(ValidationException.class).hasMessage("lookback must be positive, but was PT0S");
    }

    @Test
    void signalColumns_ofAccountsAlreadyGenerated_areThoseOfTheirIndices() {
        Instant asOf = Instant.parse("2026-08-03T00:00:00Z");
        Duration lookback = Duration.ofDays(180);
        int from = 100;
        int to = 300;

        SignalColumns byIndex = PORTFOLIO.signalColumns(from, to, asOf, lookback);
        SignalColumns held = PORTFOLIO.signalColumns(from, accounts.subList(from, to), asOf, lookback);

        assertThat(held.rows()).isEqualTo(to - from);
        assertThat(held.columns()).hasSameSizeAs(byIndex.columns());
        long observations = 0;
        for (int c = 0; c < byIndex.columns().size(); c++) {
            SignalColumn a = byIndex.columns().get(c);
            SignalColumn b = held.columns().get(c);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.count()).as(a.name()).isEqualTo(a.count());
            assertThat(java.util.Arrays.copyOf(b.rows(), b.count())).isEqualTo(java.util.Arrays.copyOf(a.rows(), a.count()));
            assertThat(java.util.Arrays.copyOf(b.times(), b.count())).isEqualTo(java.util.Arrays.copyOf(a.times(), a.count()));
            assertThat(java.util.Arrays.copyOf(b.values(), b.count())).isEqualTo(java.util.Arrays.copyOf(a.values(), a.count()));
            observations += a.count();
        }
        assertThat(observations).isGreaterThan(60L * (to - from));
    }

    @Test
    void signalColumns_ofAccountsNotAtTheirIndicesOrPastTheEnd_isRejected() {
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
        assertThatThrownBy(() -> PORTFOLIO.signalColumns(100, accounts.subList(101, 103), asOf, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("generated[0] is account 'acct-0000101', but account 100 of this generator is 'acct-0000100'");
        assertThatThrownBy(() -> PORTFOLIO.signalColumns(1999, accounts.subList(0, 2), asOf, Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class).hasMessage("accounts [1999, 2001) are not within [0, 2000)");
        assertThatThrownBy(() -> PORTFOLIO.signalColumns(0, accounts.subList(0, 1), asOf, Duration.ZERO))
                .isInstanceOf(ValidationException.class).hasMessage("lookback must be positive, but was PT0S");
    }

    @Test
    void sameSeed_generatesTheSamePortfolio() {
        PortfolioGenerator again = PortfolioGenerator.builder().seed(7).accounts(2000).start(LocalDate.of(2026, 1, 1)).months(12)
                .build();

        assertThat(digest(again.stream().limit(100).toList())).isEqualTo(digest(accounts.subList(0, 100)));
    }

    @Test
    void parallelStream_givesTheSameAccountsInTheSameOrder() {
        List<String> sequential = accounts.subList(0, 100).stream().map(PortfolioGeneratorTest::digest).toList();

        List<String> parallel = PORTFOLIO.stream().parallel().limit(100).map(PortfolioGeneratorTest::digest).toList();

        assertThat(parallel).isEqualTo(sequential);
        assertThat(PORTFOLIO.stream().parallel().toList()).isEqualTo(accounts);
    }

    /**
     * Pins the generated data itself, so that a change of the model, of the random numbers or of
     * the mathematics on another machine or JDK fails here. A deliberate change of the model
     * updates the value, and says so in its commit.
     */
    @Test
    void digest_isTheSameOnEveryMachine() {
        PortfolioGenerator defaults = PortfolioGenerator.builder().build();

        assertThat(digest(defaults.stream().limit(50).toList()))
                .isEqualTo("46e7dac63e23fd3d5b6a1c23e50c039846e618dd9449096ac0e01087706c0015");
    }

    @Test
    void differentSeed_generatesAnotherPortfolio() {
        List<GeneratedAccount> other = PortfolioGenerator.builder().seed(8).accounts(200).build().stream().toList();

        assertThat(digest(other.subList(0, 20))).isNotEqualTo(digest(accounts.subList(0, 20)));
        long sameOutcome = 0;
        for (int i = 0; i < 200; i++) {
            assertThat(other.get(i).account()).as("account %s", i).isNotEqualTo(accounts.get(i).account());
            sameOutcome += other.get(i).outcome().equals(accounts.get(i).outcome()) ? 1 : 0;
        }
        assertThat(sameOutcome).as("accounts whose outcome (kind, day, ARR) is the same with another seed").isLessThan(10);
    }

    @Test
    void account_isTheStreamedOne_whateverThePortfolioSize() {
        PortfolioGenerator bigger = PortfolioGenerator.builder().seed(7).accounts(1_000_000).build();

        for (int i : new int[] {0, 1, 17, 999, 1999}) {
            GeneratedAccount direct = PORTFOLIO.account(i);
            assertThat(direct).as("account(%s)", i).isEqualTo(accounts.get(i));
            assertThat(direct.signals()).as("signals of account(%s)", i).isEqualTo(accounts.get(i).signals());
            assertThat(bigger.account(i)).as("account(%s) of a portfolio of a million", i).isEqualTo(direct);
            assertThat(direct.index()).isEqualTo(i);
        }
    }

    @Test
    void stream_generatesEachAccountWhenConsumed() {
        // A portfolio that could never be held: 2^31 - 1 accounts of several kilobytes each.
        PortfolioGenerator huge = PortfolioGenerator.builder().seed(7).accounts(Integer.MAX_VALUE).build();

        assertThat(huge.stream().limit(3).toList()).containsExactly(accounts.get(0), accounts.get(1), accounts.get(2));
        assertThat(huge.account(Integer.MAX_VALUE - 1).account().id().value()).isEqualTo("acct-2147483646");
        assertThat(huge.stream().spliterator().estimateSize()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0} months")
    @ValueSource(ints = {3, 7, 37, 120})
    void everyWindowLength_givesOneRenewalPerAccountInTheWindow(int months) {
        // A start on the 31st: month arithmetic clips to shorter months.
        PortfolioGenerator window = PortfolioGenerator.builder().seed(3).accounts(100).start(LocalDate.of(2025, 1, 31))
                .months(months).build();

        window.stream().forEach(a -> {
            assertThat(window.period().contains(a.outcome().date())).as("renewal of %s in %s", a, window.period()).isTrue();
            assertThat(a.account().contract().startDate()).as("contract start of %s", a).isBeforeOrEqualTo(window.start());
            assertThat(a.account().contract().startDate().plusMonths(2L * a.account().contract().termMonths()))
                    .as("the renewal after the next, of %s", a).isAfter(window.period().end());
            assertThat(a.trajectory()).hasSize(months + 1);
            assertThat(a.signals()).isNotEmpty();
            assertThat(a.snapshot(a.outcome().date()).features().value(BuiltInPlaybooks.SEAT_UTILISATION)).isPresent();
        });
    }

    @Test
    void builder_rejectsBadValues_namingFieldValueAndRule() {
        assertRejected(b -> b.accounts(0), "accounts", "accounts must be at least 1, but was 0");
        assertRejected(b -> b.months(2), "months", "months must be in [3, 120], but was 2");
        assertRejected(b -> b.months(121), "months", "months must be in [3, 120], but was 121");
        assertRejected(b -> b.start(null), "start", "start must not be null");
    }

    @Test
    void account_outsideThePortfolio_isRejected() {
        assertThatThrownBy(() -> PORTFOLIO.account(2000)).isInstanceOf(ValidationException.class)
                .hasMessage("index must be in [0, 1999], but was 2000");
        assertThatThrownBy(() -> PORTFOLIO.account(-1)).isInstanceOf(ValidationException.class)
                .hasMessage("index must be in [0, 1999], but was -1");
    }

    @Test
    void outcome_rejectsAnArrThatContradictsItsKind() {
        LocalDate day = LocalDate.of(2026, 6, 1);

        assertThatThrownBy(() -> new Outcome(Outcome.Kind.CHURNED, day, Money.of("100.00", "EUR")))
                .isInstanceOf(ValidationException.class).hasMessage("a CHURNED outcome must have an ARR of 0, but had 100.00 EUR");
        assertThatThrownBy(() -> new Outcome(Outcome.Kind.RENEWED, day, Money.of("0", "EUR")))
                .isInstanceOf(ValidationException.class).hasMessage("a RENEWED outcome must have an ARR above 0, but had 0 EUR");
    }

    @Test
    void portfolio_spansSegmentsStagesAndOutcomes() {
        var bySegment = accounts.stream().collect(Collectors.groupingBy(a -> a.account().segment().name(), Collectors.counting()));
        var stages = accounts.stream().map(a -> a.account().lifecycleStage()).collect(Collectors.toSet());
        var kinds = accounts.stream().collect(Collectors.groupingBy(a -> a.outcome().kind(), Collectors.counting()));

        assertThat(bySegment.keySet()).containsExactlyInAnyOrder("smb", "mid-market", "enterprise");
        assertThat(bySegment.get("smb")).isGreaterThan(bySegment.get("mid-market"));
        assertThat(bySegment.get("mid-market")).isGreaterThan(bySegment.get("enterprise"));
        assertThat(bySegment.get("enterprise")).isGreaterThan(100);
        assertThat(stages).containsAll(EnumSet.complementOf(EnumSet.of(LifecycleStage.CHURNED)));
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(Outcome.Kind.values());
        assertThat(kinds.get(Outcome.Kind.CHURNED)).as("churned of 2000").isBetween(100L, 700L);
        for (GeneratedAccount a : accounts) {
            assertThat(PORTFOLIO.period().contains(a.outcome().date())).as("renewal of %s in the window", a).isTrue();
            assertThat(a.outcome().date()).isEqualTo(a.account().contract().renewalDate());
            assertThat(a.trajectory()).hasSize(13).allSatisfy(h -> assertThat(h).isStrictlyBetween(0.0, 1.0));
        }
    }

    @Test
    void plans_haveAFirstValueMilestone_someAchievedSomeOverdue() {
        LocalDate end = PORTFOLIO.period().end();
        int plans = 0;
        int firstValueReached = 0;
        int withOverdue = 0;
        for (GeneratedAccount a : accounts) {
            Optional<SuccessPlan> maybePlan = a.account().successPlan();
            if (maybePlan.isEmpty()) {
                continue;
            }
            SuccessPlan plan = maybePlan.get();
            plans++;
            assertThat(plan.milestones()).filteredOn(m -> m.kind() == MilestoneKind.FIRST_VALUE).hasSize(1);
            assertThat(plan.desiredOutcome().requiredOutcome().metric().direction()).isEqualTo(MetricDirection.HIGHER_IS_BETTER);
            PlanProgress progress = plan.progress(end);
            firstValueReached += plan.firstValueOn(end).isPresent() ? 1 : 0;
            withOverdue += progress.overdue() > 0 ? 1 : 0;
            plan.milestones().forEach(m -> m.achievedOn().ifPresent(on ->
                    assertThat(on).as("%s: milestone '%s' achieved", a, m.name()).isBefore(stopOf(a))));
        }
        assertThat(plans).as("accounts with a plan, of 2000").isBetween(1000, 1900);
        assertThat(firstValueReached).as("plans that reached first value by the end").isBetween(plans / 3, plans - 50);
        assertThat(withOverdue).as("plans with an overdue milestone at the end").isBetween(100, plans - 100);
    }

    @Test
    void signals_areInTimeOrderWithinTheWindow_andStopAtChurn() {
        Set<String> names = Set.of(PortfolioGenerator.ACTIVE_USERS, PortfolioGenerator.LOGINS, PortfolioGenerator.SEAT_UTILISATION,
                PortfolioGenerator.SUPPORT_TICKETS, PortfolioGenerator.NPS);
        Comparator<Signal> order = Comparator.comparing(Signal::observedAt).thenComparing(Signal::id);
        Instant start = PORTFOLIO.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        for (GeneratedAccount a : accounts.subList(0, 100)) {
            List<Signal> signals = a.signals();
            Instant stop = stopOf(a).atStartOfDay(ZoneOffset.UTC).toInstant();
            assertThat(signals).as("signals of %s", a).isNotEmpty().isSortedAccordingTo(order)
                    .allSatisfy(s -> {
                        assertThat(s.accountId()).isEqualTo(a.account().id());
                        assertThat(s.name()).isIn(names);
                        assertThat(s.observedAt()).isBetween(start, stop.minusNanos(1));
                    });
            assertThat(signals.stream().map(Signal::id).distinct().count()).isEqualTo(signals.size());
            assertThat(values(signals, PortfolioGenerator.SEAT_UTILISATION)).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            assertThat(values(signals, PortfolioGenerator.NPS)).allSatisfy(v -> assertThat(v).isBetween(0.0, 10.0));
            assertThat(values(signals, PortfolioGenerator.ACTIVE_USERS)).allSatisfy(v -> assertThat(v).isBetween(0.0, a.seats() * 1.0));
        }
    }

    @Test
    void lowTrajectory_churnsFarMoreOftenThanHigh() {
        int[] low = new int[2];
        int[] high = new int[2];
        for (GeneratedAccount a : accounts) {
            double health = a.healthOn(a.outcome().date());
            int[] bucket = health < 0.3 ? low : health > 0.7 ? high : null;
            if (bucket != null) {
                bucket[0]++;
                bucket[1] += a.outcome().churned() ? 1 : 0;
            }
        }
        double lowRate = (double) low[1] / low[0];
        double highRate = (double) high[1] / high[0];

        assertThat(low[0]).as("accounts with health below 0.3 at renewal").isGreaterThan(100);
        assertThat(high[0]).as("accounts with health above 0.7 at renewal").isGreaterThan(100);
        assertThat(lowRate).as("churn rate below 0.3").isGreaterThan(0.4).isGreaterThan(5 * highRate);
    }

    @Test
    void derivedFeatures_rankTheChurnersWellAboveChance() {
        Scorecard card = Scorecard.builder().id(ScorecardId.of("generated-portfolio"))
                .addGroups(ScorecardGroup.of("usage", 2, input(BuiltInPlaybooks.SEAT_UTILISATION, new Normalizer.Linear(0, 1)),
                                input("seat_utilisation_trend", new Normalizer.Linear(-0.1, 0.1))),
                        ScorecardGroup.of("sentiment", 1, input("nps", new Normalizer.Linear(0, 10))))
                .build();
        List<AccountSnapshot> monthBefore = new ArrayList<>();
        boolean[] churned = new boolean[accounts.size()];
        for (int i = 0; i < accounts.size(); i++) {
            monthBefore.add(accounts.get(i).snapshot(accounts.get(i).outcome().date().minusDays(30)));
            churned[i] = accounts.get(i).outcome().churned();
        }

        Evaluation evaluation = Evaluation.of(card, monthBefore, churned, 200, 1);

        assertThat(evaluation.hasLift()).as(evaluation.aucText()).isTrue();
        assertThat(evaluation.auc()).as(evaluation.aucText()).isGreaterThan(0.75);
    }

    @Test
    void snapshot_derivesTheGeneratorsFeaturesFromTheSignalsSoFar() {
        for (GeneratedAccount a : accounts.subList(0, 20)) {
            List<Signal> all = a.signals();
            for (LocalDate day : List.of(PORTFOLIO.start().plusDays(60), a.outcome().date().minusDays(30), a.outcome().date())) {
                Instant asOf = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                List<Signal> soFar = all.stream().filter(s -> !s.observedAt().isAfter(asOf)).toList();

                assertThat(a.snapshot(day)).as("snapshot of %s on %s", a, day).isEqualTo(PortfolioGenerator.snapshotAssembler()
                        .assemble(a.account(), soFar, asOf, List.of(), Optional.empty()));
            }
        }
        AccountSnapshot snapshot = accounts.get(5).snapshot(PORTFOLIO.start().plusDays(60));
        assertThat(snapshot.features().schema().names()).containsAll(BuiltInPlaybooks.features())
                .containsAll(StandardFeatures.names());
        assertThat(snapshot.features().value(BuiltInPlaybooks.SEAT_UTILISATION)).isPresent();
        assertThat(accounts.get(5).snapshot(PORTFOLIO.start().minusDays(1)).features().value(BuiltInPlaybooks.SEAT_UTILISATION))
                .as("before the first signal").isEmpty();
    }

    @Test
    void revenue_feedsARetentionReportThatCountsTheOutcomes() {
        RetentionReport report = RetentionReport.of(PORTFOLIO.period(), Currency.getInstance(PortfolioGenerator.CURRENCY),
                accounts.stream().map(GeneratedAccount::revenue));

        assertThat(report.startingAccounts()).isEqualTo(accounts.size());
        assertThat(report.accountsThatCouldChurn()).isEqualTo(accounts.size());
        assertThat(report.churnedAccounts()).isEqualTo(accounts.stream().filter(a -> a.outcome().churned()).count());
        assertThat(report.expandedAccounts()).isEqualTo(accounts.stream()
                .filter(a -> a.outcome().kind() == Outcome.Kind.EXPANDED).count());
        assertThat(report.netRevenueRetention()).get().satisfies(nrr -> assertThat(nrr.doubleValue()).isBetween(0.5, 1.5));
    }

    private static void assertRejected(Consumer<PortfolioGenerator.Builder> change, String field, String message) {
        assertThatThrownBy(() -> change.accept(PortfolioGenerator.builder()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessage(message);
    }

    private static ScorecardInput input(String name, Normalizer normalizer) {
        return ScorecardInput.builder().name(name).weight(1).normalizer(normalizer).build();
    }

    private static LocalDate stopOf(GeneratedAccount a) {
        return a.outcome().churned() ? a.outcome().date() : PORTFOLIO.period().end().plusDays(1);
    }

    private static List<Double> values(List<Signal> signals, String name) {
        return signals.stream().filter(s -> s.name().equals(name)).map(Signal::value).toList();
    }

    /** SHA-256 over each account's JSON, the bits of its trajectory, its outcome and every field of its signals. */
    static String digest(List<GeneratedAccount> portfolio) {
        MessageDigest sha = sha256();
        portfolio.forEach(a -> sha.update(digest(a).getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String digest(GeneratedAccount a) {
        MessageDigest sha = sha256();
        // Doubles as bits: Double.toString changed between JDK versions, the bits did not.
        StringBuilder text = new StringBuilder(JSON.write(a.account()));
        a.trajectory().forEach(h -> text.append(Long.toHexString(Double.doubleToLongBits(h))).append(','));
        text.append(a.outcome().kind()).append(a.outcome().date()).append(a.outcome().arr().amount().toPlainString()).append('\n');
        for (Signal s : a.signals()) {
            text.append(s.id()).append('|').append(s.family()).append('|').append(s.name()).append('|')
                    .append(Long.toHexString(Double.doubleToLongBits(s.value()))).append('|').append(s.unit()).append('|')
                    .append(s.observedAt()).append('|').append(s.source()).append('\n');
        }
        sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    @Test
    void accountOn_followsTheOutcome_andRejectsDaysBeforeTheWindow() {
        GeneratedAccount churned = PORTFOLIO.stream().filter(a -> a.outcome().churned()).findFirst().orElseThrow();
        GeneratedAccount renewed = PORTFOLIO.stream().filter(a -> !a.outcome().churned()).findFirst().orElseThrow();
        LocalDate renewal = renewed.outcome().date();

        assertThat(churned.accountOn(PORTFOLIO.start())).contains(churned.account());
        assertThat(churned.accountOn(churned.outcome().date().minusDays(1))).isPresent();
        assertThat(churned.accountOn(churned.outcome().date())).isEmpty();
        assertThat(renewed.accountOn(renewal.minusDays(1)).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.RENEWAL_WINDOW);
        var after = renewed.accountOn(renewal).orElseThrow();
        assertThat(after.contract().arr()).isEqualTo(renewed.outcome().arr());
        assertThat(after.contract().renewalDate()).isEqualTo(renewal.plusMonths(renewed.account().contract().termMonths()));
        assertThatThrownBy(() -> renewed.accountOn(PORTFOLIO.start().minusDays(1))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("before the generator's window");
    }
}
