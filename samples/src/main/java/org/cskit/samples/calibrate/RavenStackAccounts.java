package org.cskit.samples.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.cskit.samples.input.CsvTable;
import org.cskit.samples.input.InputException;

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
        CsvTable accounts = CsvTable.read(dataDir.resolve("ravenstack_accounts.csv"));
        CsvTable subs = CsvTable.read(dataDir.resolve("ravenstack_subscriptions.csv"));
        CsvTable usage = CsvTable.read(dataDir.resolve("ravenstack_feature_usage.csv"));
        CsvTable tickets = CsvTable.read(dataDir.resolve("ravenstack_support_tickets.csv"));
        Map<String, Agg> byAccount = new HashMap<>();
        for (List<String> a : accounts.rows()) {
            byAccount.put(a.get(accounts.indexOf("account_id")), new Agg());
        }
        Map<String, String> accountOfSubscription = new HashMap<>();
        for (List<String> s : subs.rows()) {
            String account = s.get(subs.indexOf("account_id"));
            accountOfSubscription.put(s.get(subs.indexOf("subscription_id")), account);
            Agg g = byAccount.get(account);
            if (g == null) {
                continue;
            }
            g.subscriptions++;
            g.mrr += number(s.get(subs.indexOf("mrr_amount")));
            g.maxSeats = Math.max(g.maxSeats, number(s.get(subs.indexOf("seats"))));
            g.upgrades += flag(s.get(subs.indexOf("upgrade_flag")));
            g.downgrades += flag(s.get(subs.indexOf("downgrade_flag")));
            g.autoRenew += flag(s.get(subs.indexOf("auto_renew_flag")));
            g.monthly += s.get(subs.indexOf("billing_frequency")).trim().equalsIgnoreCase("monthly") ? 1 : 0;
        }
        for (List<String> u : usage.rows()) {
            Agg g = byAccount.get(accountOfSubscription.get(u.get(usage.indexOf("subscription_id"))));
            if (g == null) {
                continue;
            }
            g.usageEvents++;
            g.usageCount += number(u.get(usage.indexOf("usage_count")));
            g.usageSeconds += number(u.get(usage.indexOf("usage_duration_secs")));
            g.usageErrors += number(u.get(usage.indexOf("error_count")));
            g.beta += flag(u.get(usage.indexOf("is_beta_feature")));
            g.features.add(u.get(usage.indexOf("feature_name")));
        }
        for (List<String> t : tickets.rows()) {
            Agg g = byAccount.get(t.get(tickets.indexOf("account_id")));
            if (g == null) {
                continue;
            }
            g.tickets++;
            g.resolution += number(t.get(tickets.indexOf("resolution_time_hours")));
            g.firstResponse += number(t.get(tickets.indexOf("first_response_time_minutes")));
            String sat = t.get(tickets.indexOf("satisfaction_score")).trim();
            if (!sat.isEmpty()) {
                g.satisfaction += number(sat);
                g.rated++;
            }
            g.escalations += flag(t.get(tickets.indexOf("escalation_flag")));
        }
        StringBuilder csv = new StringBuilder("account_id,industry,country,referral_source,plan_tier,seats,is_trial,subscriptions,mean_mrr,"
                + "max_seats,upgrades,downgrades,auto_renew_share,monthly_billing_share,usage_events,usage_count,usage_hours,usage_errors,"
                + "distinct_features,beta_usage_share,tickets,mean_resolution_hours,mean_first_response_minutes,mean_satisfaction,"
                + "escalations,churn_flag\n");
        List<String> columns = List.of("account_id", "industry", "country", "referral_source", "plan_tier", "seats", "is_trial");
        for (List<String> a : accounts.rows()) {
            Agg g = byAccount.get(a.get(accounts.indexOf("account_id")));
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(a.get(accounts.indexOf(c)).trim());
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
            cells.add(a.get(accounts.indexOf("churn_flag")).trim());
            csv.append(String.join(",", cells)).append('\n');
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, csv.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(out + ": cannot write: " + e.getMessage());
        }
        return accounts.rows().size();
    }

    private static double number(String cell) {
        String s = cell.trim();
        if (s.isEmpty()) {
            return 0.0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputException("RavenStack: '" + cell + "' is not a number");
        }
    }

    private static int flag(String cell) {
        return cell.trim().equalsIgnoreCase("true") ? 1 : 0;
    }

    private static String ratio(double sum, int count) {
        return count == 0 ? "" : fmt(sum / count);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("\\.?0+$", "");
    }
}
