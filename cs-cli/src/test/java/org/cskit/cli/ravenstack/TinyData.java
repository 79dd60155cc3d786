package org.cskit.cli.ravenstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small RavenStack-format data set, written to a folder for tests, with every column RavenStack
 * has. It spans 2024-01-01 to 2024-06-30:
 * <ul>
 *   <li>A-1 Acme (Enterprise, signed up 2024-01-01): an annual subscription of ARR 12000 since
 *       2024-01-01 and a monthly one of 6000 (an upgrade) since 2024-03-10; used steadily.
 *   <li>A-2 "Beta, Co" (Pro, 2024-02-01): a monthly downgrade of 9600 since 2024-02-05; little use; one
 *       ticket in early June and three in the last fortnight of June (a support spike), one escalated, two rated.
 *   <li>A-3 Gamma (Basic, 2024-06-20): an annual subscription of 1200 since its signup; onboarding.
 *   <li>A-4 Delta (Basic, 2024-01-15): its only subscription ended on 2024-05-01.
 * </ul>
 */
public final class TinyData {
    /** The accounts file's text. */
    public static final String ACCOUNTS = """
            account_id,account_name,industry,country,signup_date,referral_source,plan_tier,seats,is_trial,churn_flag
            A-1,Acme,FinTech,US,2024-01-01,partner,Enterprise,10,FALSE,FALSE
            A-2,"Beta, Co",EdTech,UK,2024-02-01,organic,Pro,5,FALSE,FALSE
            A-3,Gamma,DevTools,DE,2024-06-20,ads,Basic,1,FALSE,FALSE
            A-4,Delta,HealthTech,US,2024-01-15,other,Basic,2,FALSE,TRUE
            """;
    /** The subscriptions file's text. */
    public static final String SUBSCRIPTIONS = """
            subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,is_trial,upgrade_flag,downgrade_flag,churn_flag,billing_frequency,auto_renew_flag
            S-1,A-1,2024-01-01,,Enterprise,10,1000,12000,FALSE,FALSE,FALSE,FALSE,annual,TRUE
            S-2,A-1,2024-03-10,,Pro,5,500,6000,FALSE,TRUE,FALSE,FALSE,monthly,FALSE
            S-3,A-2,2024-02-05,,Pro,5,800,9600,FALSE,FALSE,TRUE,FALSE,monthly,TRUE
            S-4,A-3,2024-06-20,,Basic,1,100,1200,FALSE,FALSE,FALSE,FALSE,annual,FALSE
            S-5,A-4,2024-01-15,2024-05-01,Basic,2,100,1200,FALSE,FALSE,FALSE,TRUE,monthly,FALSE
            """;
    /** The support tickets file's text. */
    public static final String TICKETS = """
            ticket_id,account_id,submitted_at,closed_at,resolution_time_hours,priority,first_response_time_minutes,satisfaction_score,escalation_flag
            T-1,A-2,2024-06-05,2024-06-06 3:00,27,low,74,,FALSE
            T-2,A-2,2024-06-20,2024-06-21 9:00,33,urgent,30,3,TRUE
            T-3,A-2,2024-06-24,2024-06-25 1:00,20,high,45,4,FALSE
            T-4,A-2,2024-06-28,2024-07-02 1:00,90,medium,60,,FALSE
            """;

    private TinyData() {}

    /**
     * The feature usage file's text: A-1 uses 12 features' worth every 5 days from January to June, A-2 uses 2 every month.
     *
     * @return the text
     */
    public static String usage() {
        StringBuilder s = new StringBuilder("usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs,error_count,"
                + "is_beta_feature\n");
        int n = 0;
        for (java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1); d.isBefore(java.time.LocalDate.of(2024, 7, 1)); d = d.plusDays(5)) {
            s.append("U-").append(++n).append(",S-1,").append(d).append(",feature_1,12,3600,0,False\n");
        }
        for (int m = 2; m <= 6; m++) {
            s.append("U-").append(++n).append(",S-3,2024-0").append(m).append("-15,feature_2,2,600,1,True\n");
        }
        return s.toString();
    }

    /**
     * Writes the four files.
     *
     * @param dir the folder
     * @return the folder
     */
    public static Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(RavenStack.ACCOUNTS), ACCOUNTS, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(RavenStack.SUBSCRIPTIONS), SUBSCRIPTIONS, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(RavenStack.USAGE), usage(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(RavenStack.TICKETS), TICKETS, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces text in one of the files, which must contain it once.
     *
     * @param dir the folder
     * @param file the file's name
     * @param from the text to replace
     * @param to its replacement
     */
    public static void replace(Path dir, String file, String from, String to) {
        try {
            String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
            if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) {
                throw new IllegalArgumentException("'" + from + "' is not in " + file + " exactly once");
            }
            Files.writeString(dir.resolve(file), text.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
