package org.cskit.cli.calibrate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MetricDirection;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.cli.input.CsvFile;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.calibration.Backtest;

/**
 * A backtest on RavenStack's dated tables (synthetic data by River @ Rivalytics): at the first of
 * each month from April 2023 to December 2024, every account that has signed up and not yet churned
 * is scored from its feature usage in the 30 days before the date and its support tickets in the
 * 90 days before it, with a hand-made usage-and-support scorecard; churn dates are each account's
 * first churn event. Only rows dated before each as-of date are read for it.
 */
public final class RavenStackBacktest {
    static final FeatureSchema SCHEMA = FeatureSchema.of("usage_30d", "errors_30d", "tickets_90d", "escalations_90d");
    static final Scorecard SCORECARD = Scorecard.builder().id(ScorecardId.of("ravenstack-usage-support"))
            .addGroups(ScorecardGroup.of("usage", 2,
                            ScorecardInput.builder().name("usage_30d").weight(3).normalizer(new Normalizer.Linear(0, 20)).build(),
                            ScorecardInput.builder().name("errors_30d").weight(1).normalizer(new Normalizer.Linear(0, 10))
                                    .direction(MetricDirection.LOWER_IS_BETTER).build()),
                    ScorecardGroup.of("support", 1,
                            ScorecardInput.builder().name("tickets_90d").weight(1).normalizer(new Normalizer.Linear(0, 5))
                                    .direction(MetricDirection.LOWER_IS_BETTER).build(),
                            ScorecardInput.builder().name("escalations_90d").weight(1).normalizer(new Normalizer.Linear(0, 2))
                                    .direction(MetricDirection.LOWER_IS_BETTER).build()))
            .build();

    private RavenStackBacktest() {}

    /** A dated row of an account: the day and two amounts. */
    private record Dated(LocalDate day, double a, double b) {}

    /**
     * The dated history a backtest replays.
     *
     * @param dates the monthly as-of dates
     * @param source every account signed up before a date, as of that date, with {@link #SCHEMA}'s features
     * @param churnedAt each churned account's first churn day
     */
    public record History(List<Instant> dates, Backtest.SnapshotSource source, Map<AccountId, Instant> churnedAt) {}

    /**
     * Runs the backtest of the hand-made {@link #SCORECARD}.
     *
     * @param dataDir the folder holding the {@code ravenstack_*.csv} files
     * @return the result, with a 90-day horizon
     */
    public static Backtest run(Path dataDir) {
        History h = history(dataDir);
        return Backtest.run(WeightedScorecard.of(SCORECARD), h.dates(), h.source(), h.churnedAt(), Duration.ofDays(90));
    }

    /**
     * Reads the dated history.
     *
     * @param dataDir the folder holding the {@code ravenstack_*.csv} files, with {@code ravenstack_churn_events.csv}
     * @return the history
     * @throws org.cskit.cli.input.InputException if a file is missing or malformed
     */
    public static History history(Path dataDir) {
        Map<String, LocalDate> signup = new LinkedHashMap<>();
        CsvFile.of(dataDir.resolve("ravenstack_accounts.csv")).requireColumns(List.of("account_id", "signup_date"))
                .forEach(a -> signup.put(a.text("account_id"), a.date("signup_date")));
        Map<String, String> accountOf = new HashMap<>();
        CsvFile.of(dataDir.resolve("ravenstack_subscriptions.csv")).requireColumns(List.of("subscription_id", "account_id"))
                .forEach(s -> accountOf.put(s.text("subscription_id"), s.text("account_id")));
        Map<String, List<Dated>> usageOf = new HashMap<>();
        CsvFile.of(dataDir.resolve("ravenstack_feature_usage.csv"))
                .requireColumns(List.of("subscription_id", "usage_date", "usage_count", "error_count")).forEach(u -> {
                    String account = accountOf.get(u.text("subscription_id"));
                    if (account != null) {
                        usageOf.computeIfAbsent(account, k -> new ArrayList<>())
                                .add(new Dated(u.date("usage_date"), u.number("usage_count"), u.number("error_count")));
                    }
                });
        Map<String, List<Dated>> ticketsOf = new HashMap<>();
        CsvFile.of(dataDir.resolve("ravenstack_support_tickets.csv"))
                .requireColumns(List.of("account_id", "submitted_at", "escalation_flag"))
                .forEach(t -> ticketsOf.computeIfAbsent(t.text("account_id"), k -> new ArrayList<>())
                        .add(new Dated(t.date("submitted_at"), 1, t.flag("escalation_flag") ? 1 : 0)));
        Map<AccountId, Instant> churnedAt = new LinkedHashMap<>();
        CsvFile.of(dataDir.resolve("ravenstack_churn_events.csv")).requireColumns(List.of("account_id", "churn_date")).forEach(c -> {
            AccountId id = AccountId.of(c.text("account_id"));
            Instant at = c.date("churn_date").atStartOfDay(ZoneOffset.UTC).toInstant();
            churnedAt.merge(id, at, (x, y) -> x.isBefore(y) ? x : y);
        });
        List<Instant> dates = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2023, 4, 1); !d.isAfter(LocalDate.of(2024, 12, 1)); d = d.plusMonths(1)) {
            dates.add(d.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        Segment segment = Segment.of("ravenstack", EngagementModel.SCALED);
        Backtest.SnapshotSource source = asOf -> {
            LocalDate day = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
            List<AccountSnapshot> out = new ArrayList<>();
            signup.forEach((account, since) -> {
                if (!since.isBefore(day)) {
                    return;
                }
                double[] u = window(usageOf.get(account), day, 30);
                double[] t = window(ticketsOf.get(account), day, 90);
                Features f = Features.builder(SCHEMA).set("usage_30d", u[0], (int) u[2]).set("errors_30d", u[1], (int) u[2])
                        .set("tickets_90d", t[0], (int) t[2]).set("escalations_90d", t[1], (int) t[2]).build();
                out.add(AccountSnapshot.builder().accountId(AccountId.of(account)).asOf(asOf).segment(segment)
                        .lifecycleStage(LifecycleStage.STEADY_STATE).features(f).build());
            });
            return out;
        };
        return new History(List.copyOf(dates), source, java.util.Collections.unmodifiableMap(churnedAt));
    }

    /** Sums of the two amounts and the row count over the {@code days} days before {@code day} (never on or after it). */
    private static double[] window(List<Dated> rows, LocalDate day, int days) {
        double[] sum = new double[3];
        if (rows == null) {
            return sum;
        }
        LocalDate from = day.minusDays(days);
        for (Dated r : rows) {
            if (!r.day().isBefore(from) && r.day().isBefore(day)) {
                sum[0] += r.a();
                sum[1] += r.b();
                sum[2]++;
            }
        }
        return sum;
    }
}
