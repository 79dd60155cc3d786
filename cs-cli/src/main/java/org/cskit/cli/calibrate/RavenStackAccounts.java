package org.cskit.cli.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.cskit.cli.input.CsvFile;
import org.cskit.cli.input.InputException;

/**
 * Derives one row per RavenStack account (synthetic B2B SaaS data by River @ Rivalytics) with
 * aggregates of its subscriptions, feature usage and support tickets, and its {@code churn_flag}
 * label, as a CSV that {@code calibrate} reads. Churn events are not used: they are the outcome's
 * own records.
 *
 * <p>Columns: {@code account_id}; from the account: {@code industry, country, referral_source,
 * plan_tier, seats, is_trial}; subscriptions: {@code subscriptions, mean_mrr, max_seats, upgrades,
 * downgrades, auto_renew_share, monthly_billing_share}; usage (through the subscriptions):
 * {@code usage_events, usage_count, usage_hours, usage_errors, distinct_features,
 * beta_usage_share}; tickets: {@code tickets, mean_resolution_hours, mean_first_response_minutes,
 * mean_satisfaction} (blank when no ticket was rated), {@code escalations}; and {@code churn_flag}.
 */
public final class RavenStackAccounts {
    /** The accounts file's columns this reads and writes again, the label last. */
    private static final List<String> ACCOUNT_COLUMNS = List.of("account_id", "industry", "country", "referral_source", "plan_tier", "seats",
            "is_trial", "churn_flag");

    private RavenStackAccounts() {}

    /** Per-account sums. */
    private static final class Agg {
        int subscriptions;
        double mrr;
        double maxSeats;
        int upgrades;
        int downgrades;
        int autoRenew;
        int monthly;
        int usageEvents;
        double usageCount;
        double usageSeconds;
        double usageErrors;
        int beta;
        final TreeSet<String> features = new TreeSet<>();
        int tickets;
        double resolution;
        double firstResponse;
        double satisfaction;
        int rated;
        int escalations;
    }

    /**
     * Writes the account-level CSV.
     *
     * @param dataDir the folder holding the {@code ravenstack_*.csv} files
     * @param out the CSV to write
     * @return the number of accounts written
     */
    public static int write(Path dataDir, Path out) {
        CsvFile accounts = CsvFile.of(dataDir.resolve("ravenstack_accounts.csv")).requireColumns(ACCOUNT_COLUMNS);
        CsvFile subs = CsvFile.of(dataDir.resolve("ravenstack_subscriptions.csv")).requireColumns(List.of("subscription_id",
                "account_id", "mrr_amount", "seats", "upgrade_flag", "downgrade_flag", "auto_renew_flag", "billing_frequency"));
        CsvFile usage = CsvFile.of(dataDir.resolve("ravenstack_feature_usage.csv")).requireColumns(List.of("subscription_id",
                "usage_count", "usage_duration_secs", "error_count", "is_beta_feature", "feature_name"));
        CsvFile tickets = CsvFile.of(dataDir.resolve("ravenstack_support_tickets.csv")).requireColumns(List.of("account_id",
                "resolution_time_hours", "first_response_time_minutes", "satisfaction_score", "escalation_flag"));
        Map<String, Agg> byAccount = new HashMap<>();
        accounts.forEach(a -> byAccount.put(a.text("account_id"), new Agg()));
        Map<String, String> accountOfSubscription = new HashMap<>();
        subs.forEach(s -> {
            String account = s.text("account_id");
            accountOfSubscription.put(s.text("subscription_id"), account);
            Agg g = byAccount.get(account);
            if (g == null) {
                return;
            }
            g.subscriptions++;
            g.mrr += s.number("mrr_amount");
            g.maxSeats = Math.max(g.maxSeats, s.number("seats"));
            g.upgrades += s.flag("upgrade_flag") ? 1 : 0;
            g.downgrades += s.flag("downgrade_flag") ? 1 : 0;
            g.autoRenew += s.flag("auto_renew_flag") ? 1 : 0;
            g.monthly += s.text("billing_frequency").equalsIgnoreCase("monthly") ? 1 : 0;
        });
        usage.forEach(u -> {
            Agg g = byAccount.get(accountOfSubscription.get(u.text("subscription_id")));
            if (g == null) {
                return;
            }
            g.usageEvents++;
            g.usageCount += u.number("usage_count");
            g.usageSeconds += u.number("usage_duration_secs");
            g.usageErrors += u.number("error_count");
            g.beta += u.flag("is_beta_feature") ? 1 : 0;
            g.features.add(u.text("feature_name"));
        });
        tickets.forEach(t -> {
            Agg g = byAccount.get(t.text("account_id"));
            if (g == null) {
                return;
            }
            g.tickets++;
            g.resolution += t.optionalNumber("resolution_time_hours").orElse(0);
            g.firstResponse += t.optionalNumber("first_response_time_minutes").orElse(0);
            OptionalDouble sat = t.optionalNumber("satisfaction_score");
            if (sat.isPresent()) {
                g.satisfaction += sat.getAsDouble();
                g.rated++;
            }
            g.escalations += t.flag("escalation_flag") ? 1 : 0;
        });
        StringBuilder csv = new StringBuilder("account_id,industry,country,referral_source,plan_tier,seats,is_trial,subscriptions,mean_mrr,"
                + "max_seats,upgrades,downgrades,auto_renew_share,monthly_billing_share,usage_events,usage_count,usage_hours,usage_errors,"
                + "distinct_features,beta_usage_share,tickets,mean_resolution_hours,mean_first_response_minutes,mean_satisfaction,"
                + "escalations,churn_flag\n");
        int written = accounts.forEach(a -> {
            Agg g = byAccount.get(a.text("account_id"));
            List<String> cells = new ArrayList<>();
            for (String c : ACCOUNT_COLUMNS.subList(0, ACCOUNT_COLUMNS.size() - 1)) {
                cells.add(a.optional(c));
            }
            cells.add(Integer.toString(g.subscriptions));
            cells.add(ratio(g.mrr, g.subscriptions));
            cells.add(fmt(g.maxSeats));
            cells.add(Integer.toString(g.upgrades));
            cells.add(Integer.toString(g.downgrades));
            cells.add(ratio(g.autoRenew, g.subscriptions));
            cells.add(ratio(g.monthly, g.subscriptions));
            cells.add(Integer.toString(g.usageEvents));
            cells.add(fmt(g.usageCount));
            cells.add(fmt(g.usageSeconds / 3600.0));
            cells.add(fmt(g.usageErrors));
            cells.add(Integer.toString(g.features.size()));
            cells.add(ratio(g.beta, g.usageEvents));
            cells.add(Integer.toString(g.tickets));
            cells.add(ratio(g.resolution, g.tickets));
            cells.add(ratio(g.firstResponse, g.tickets));
            cells.add(ratio(g.satisfaction, g.rated));
            cells.add(Integer.toString(g.escalations));
            cells.add(a.optional("churn_flag"));
            csv.append(String.join(",", cells)).append('\n');
        });
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, csv.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(out + ": cannot write: " + e.getMessage());
        }
        return written;
    }

    private static String ratio(double sum, int count) {
        return count == 0 ? "" : fmt(sum / count);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("\\.?0+$", "");
    }
}
