package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cskit.cli.Run;
import org.cskit.cli.ravenstack.RavenStack;
import org.cskit.cli.ravenstack.TinyData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input to the portfolio commands ends with one line, {@code error: <file>:<line>: <problem>}, and exit code 2. */
class BadInputTest {
    @TempDir
    Path tmp;
    private Path data;

    @BeforeEach
    void writeData() {
        data = TinyData.write(tmp.resolve("data"));
    }

    private Run run(String command, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = command;
        args[1] = "--data";
        args[2] = data.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return Run.of(args);
    }

    private static void assertError(Run run, String message) {
        assertThat(run.err()).isEqualToNormalizingNewlines("error: " + message + "\n");
        assertThat(run.code()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "score", "playbooks"})
    void missingFile(String command) throws IOException {
        Files.delete(data.resolve(RavenStack.TICKETS));

        assertError(run(command), data.resolve(RavenStack.TICKETS) + ": no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "score", "playbooks"})
    void asOfOutsideTheData(String command) {
        assertError(run(command, "--as-of", "2024-07-01"), "--as-of 2024-07-01 is outside the data: " + data
                + " covers 2024-01-01 to 2024-06-29");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "score", "playbooks"})
    void malformedRow_wrongFieldCount(String command) {
        TinyData.replace(data, RavenStack.SUBSCRIPTIONS, "S-4,A-3,2024-06-20,,Basic,", "S-4,A-3,2024-06-20,Basic,");

        assertError(run(command), data.resolve(RavenStack.SUBSCRIPTIONS) + ":5: expected 14 fields as in the header, but found 13");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "score", "playbooks"})
    void unknownColumn_theRequiredOneIsMissing(String command) {
        TinyData.replace(data, RavenStack.ACCOUNTS, ",signup_date,", ",signupdate,");

        assertError(run(command), data.resolve(RavenStack.ACCOUNTS) + ":1: missing column 'signup_date'; the header has account_id, "
                + "account_name, industry, country, signupdate, referral_source, plan_tier, seats, is_trial, churn_flag");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a number that is not | ravenstack_support_tickets.csv | T-3,A-2,2024-06-24,2024-06-25 1:00,20, | T-3,A-2,2024-06-24,2024-06-25 1:00,twenty, | 4: resolution_time_hours 'twenty' is not a number
            a date that is not   | ravenstack_accounts.csv        | 2024-06-20                 | 2024-02-30                 | 4: signup_date '2024-02-30' is not a date (expected YYYY-MM-DD)
            a flag that is not   | ravenstack_subscriptions.csv   | annual,TRUE                | annual,yes                 | 2: auto_renew_flag 'yes' is not TRUE or FALSE
            a word that is not   | ravenstack_support_tickets.csv | 33,urgent,                 | 33,critical,               | 3: priority 'critical' is not one of low, medium, high, urgent
            an unknown account   | ravenstack_support_tickets.csv | T-1,A-2,                   | T-1,A-9,                   | 2: account_id 'A-9' is not in ravenstack_accounts.csv
            an unknown subscription | ravenstack_feature_usage.csv | U-40,S-3,                 | U-40,S-7,                  | 41: subscription_id 'S-7' is not in ravenstack_subscriptions.csv
            an end before the start | ravenstack_subscriptions.csv | 2024-01-15,2024-05-01    | 2024-01-15,2024-01-01      | 6: end_date 2024-01-01 is before start_date 2024-01-15
            a repeated account   | ravenstack_accounts.csv        | A-4,Delta                  | A-1,Delta                  | 5: account_id 'A-1' appears twice
            """)
    void malformedRow(String what, String file, String from, String to, String lineAndProblem) {
        TinyData.replace(data, file, from, to);

        assertError(run("score"), data.resolve(file) + ":" + lineAndProblem);
    }

    @Test
    void asOfThatIsNoDate() {
        assertError(run("score", "--as-of", "2024-06-31"), "--as-of '2024-06-31' is not a date (expected YYYY-MM-DD)");
    }

    @Test
    void asOfBeforeAnyAccountIsACustomer() {
        TinyData.replace(data, RavenStack.SUBSCRIPTIONS, "S-1,A-1,2024-01-01", "S-1,A-1,2024-01-05");

        assertError(run("score", "--as-of", "2024-01-02"), "--as-of 2024-01-02: no account in " + data
                + " had signed up and had an active subscription on that day");
    }

    @Test
    void unknownStrategy_listsTheKnownOnes() {
        Run run = run("score", "--strategy", "nope");

        assertThat(run.code()).isEqualTo(2);
        // the built-ins and the plug-ins ServiceLoader finds on the class path (this test's fixed-score, and any other there)
        assertThat(run.err()).startsWith("error: --strategy: unknown scoring strategy 'nope'; known strategies: ").hasLineCount(1)
                .contains("fixed-score", "segmented", "weighted-scorecard");
    }

    @Test
    void strategyConfig_malformedJson_fileAndLine() throws IOException {
        Path card = tmp.resolve("card.json");
        Files.writeString(card, "{\n  \"id\": \"x\",\n  \"groups\": [\n    { \"name\": \"usage\" \"weight\": 1 }\n  ]\n}\n");

        Run run = run("score", "--strategy-config", card.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + card + ":4: ").doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void strategyConfig_inputReadsAFeatureTheDataHasNot_fileAndLineOfTheInput() throws IOException {
        Path card = tmp.resolve("card.json");
        Files.writeString(card, """
                { "id": "mine",
                  "groups": [ { "name": "usage", "weight": 1, "inputs": [
                    { "name": "logins", "feature": "logins_14d", "weight": 1,
                      "normalizer": { "type": "LINEAR", "min": 0, "max": 10 } } ] } ] }
                """);

        Run run = run("score", "--strategy-config", card.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + card + ":3: $.groups[0].inputs[0].feature: scorecard 'mine' input 'logins' reads "
                + "feature 'logins_14d', which the snapshot's features do not have; known features: usage_90d, ").hasLineCount(1);
    }

    @Test
    void playbooksFile_fieldTheDataHasNot_fileAndLine() throws IOException {
        Path file = tmp.resolve("mine.json");
        Files.writeString(file, """
                [ { "id": "quiet", "name": "Quiet",
                    "trigger": { "type": "THRESHOLD", "field": "usage_90d", "op": "LT", "value": 20 },
                    "conditions": [ { "type": "COMPARE", "field": "nps", "op": "LT", "value": 0 } ],
                    "actions": [ { "type": "TAG", "tag": "quiet" } ] } ]
                """);

        Run run = run("playbooks", "--playbooks", file.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + file + ":3: $[0].conditions[0].field: ").contains("'nps'").hasLineCount(1);
    }

    @Test
    void playbooksFile_malformedJson_fileAndLine() throws IOException {
        Path file = tmp.resolve("mine.json");
        Files.writeString(file, "[ { \"id\": \"quiet\",\n    \"name\": \"Quiet\",,\n } ]\n");

        Run run = run("playbooks", "--playbooks", file.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + file + ":2: ").hasLineCount(1);
    }

    /** Issue 17, item 24: these ended with a stack trace and exit 1. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a hex amount         | ravenstack_subscriptions.csv | 1000,12000,        | 1000,0x1p3,         | 2: arr_amount '0x1p3' is not a number
            a huge amount        | ravenstack_subscriptions.csv | 1000,12000,        | 1000,1e308,         | 2: arr_amount '1e308' must be a number from 0 to 1000000000000
            a huge usage count   | ravenstack_feature_usage.csv | U-1,S-1,2024-01-01,feature_1,12, | U-1,S-1,2024-01-01,feature_1,1e308, | 2: usage_count '1e308' must be a number from 0 to 1000000000000
            NaN as a number      | ravenstack_support_tickets.csv | 2024-06-25 1:00,20, | 2024-06-25 1:00,NaN, | 4: resolution_time_hours 'NaN' is not a number
            """)
    void outOfRangeNumber_isOneErrorLine(String what, String file, String from, String to, String lineAndProblem) {
        TinyData.replace(data, file, from, to);

        assertError(run("score"), data.resolve(file) + ":" + lineAndProblem);
    }

    /** Issue 17, item 25: a 10 MB cell was echoed in full, twice, on one stderr line. */
    @Test
    void hugeCell_isQuotedCutOnOneLine() {
        TinyData.replace(data, RavenStack.TICKETS, "T-3,A-2,2024-06-24,2024-06-25 1:00,20,", "T-3,A-2,2024-06-24,2024-06-25 1:00,"
                + "9".repeat(1_000_000) + "x,");

        Run run = run("score");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + data.resolve(RavenStack.TICKETS) + ":4: resolution_time_hours '999")
                .contains("(999,801 more characters)' is not a number").hasLineCount(1);
        assertThat(run.err().length()).isLessThan(600);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{ \"cooldown\": \"PT9223372036854775807S\" }", "{ \"limit\": { \"count\": 1, \"period\": \"P99999999D\" } }",
            "{ \"cooldown\": 30 }"})
    void playbooksFile_overflowingSettings_oneErrorLine(String repeat) throws IOException {
        Path file = tmp.resolve("mine.json");
        Files.writeString(file, """
                [ { "id": "quiet", "name": "Quiet",
                    "trigger": { "type": "THRESHOLD", "field": "usage_90d", "op": "LT", "value": 20 },
                    "actions": [ { "type": "TAG", "tag": "quiet" } ],
                    "repeat": %s } ]
                """.formatted(repeat));

        Run run = run("playbooks", "--playbooks", file.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + file).contains("$[0].repeat.").hasLineCount(1);
    }

    @Test
    void playbooksFile_deepNesting_oneErrorLine() throws IOException {
        Path file = tmp.resolve("mine.json");
        String leaf = "{ \"type\": \"COMPARE\", \"field\": \"usage_90d\", \"op\": \"LT\", \"value\": 20 }";
        Files.writeString(file, """
                [ { "id": "quiet", "name": "Quiet",
                    "trigger": { "type": "THRESHOLD", "field": "usage_90d", "op": "LT", "value": 20 },
                    "conditions": [ %s ],
                    "actions": [ { "type": "TAG", "tag": "quiet" } ] } ]
                """.formatted("{ \"type\": \"NOT\", \"condition\": ".repeat(450) + leaf + " }".repeat(450)));

        Run run = run("playbooks", "--playbooks", file.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + file).contains("more than 100 levels deep").hasLineCount(1);
    }

    @Test
    void playbooksFile_missing() {
        assertError(run("playbooks", "--playbooks", tmp.resolve("none.json").toString()), tmp.resolve("none.json") + ": no such file");
    }

    @Test
    void playbooksFile_empty() throws IOException {
        Files.writeString(tmp.resolve("empty.json"), "[]");

        assertError(run("playbooks", "--playbooks", tmp.resolve("empty.json").toString()), tmp.resolve("empty.json")
                + ":1: no playbooks; expected a JSON array of at least one playbook");
    }

    @Test
    void scoreOut_notCsvOrJson() {
        assertError(run("score", "--out", "vectors.txt"), "--out vectors.txt: the file name must end in .csv or .json");
    }

    @Test
    void unknownOption_oneLine() {
        Run run = run("demo", "--bogus");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Unknown option: '--bogus'").hasLineCount(1);
    }

    @ParameterizedTest
    @CsvSource({"demo,0", "score,-3", "playbooks,1000001"})
    void generated_outOfRange(String command, String n) {
        assertError(Run.of(command, "--generated", n), "--generated must be between 1 and 1,000,000, but was " + n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "score", "playbooks"})
    void generated_withData(String command) {
        assertError(run(command, "--generated", "10"), "--generated and --data cannot be used together: give one of them");
    }

    @Test
    void seed_withoutGenerated() {
        assertError(Run.of("score", "--seed", "3"), "--seed 3 needs --generated N: only a generated portfolio has a seed");
    }

    @Test
    void generated_notANumber_oneLine() {
        Run run = Run.of("demo", "--generated", "many");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Invalid value for option '--generated': 'many' is not an int").hasLineCount(1);
    }

    @Test
    void generated_asOfOutsideItsWindow() {
        assertError(Run.of("score", "--generated", "5", "--as-of", "2027-01-01"), "--as-of 2027-01-01 is outside the data: the generated "
                + "portfolio covers 2025-01-01 to 2026-12-31");
    }
}
