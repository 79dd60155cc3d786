package org.cskit.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.cskit.model.Account;
import org.cskit.model.event.AccountEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every kind of bad JSON input gets one line: the JSON path, then the problem. */
class CsJsonInputErrorTest {
    private static final CsJson JSON = CsJson.create();
    private static String fixture;

    @BeforeAll
    static void loadFixture() throws IOException {
        try (InputStream in = CsJsonInputErrorTest.class.getResourceAsStream("account-with-plan.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        domain rule in a nested list | "dueDate" : "2026-07-01" | "dueDate" : "2026-01-10" | $.successPlan.milestones[3].dueDate | milestone 'Quarterly business review' due 2026-01-10 is before plan start 2026-02-01
        unknown property      | "termMonths" : 12, | "termMonths" : 12, "colour": 1, | $.contract.colour | unknown property 'colour'; known properties: arr, autoRenew, renewalDate, startDate, termMonths
        unknown enum value    | "ADOPTION" | "ADOPTING" | $.lifecycleStage | must be one of [ONBOARDING, ADOPTION, STEADY_STATE, RENEWAL_WINDOW, EXPANSION, CHURNED], but was 'ADOPTING'
        date in another form  | "renewalDate" : "2027-01-15" | "renewalDate" : "15/01/2027" | $.contract.renewalDate | expected a date such as 2026-02-01, but found the string '15/01/2027'
        number as a string    | "termMonths" : 12 | "termMonths" : "12" | $.contract.termMonths | expected a whole number, but found the string '12'
        fraction for a whole  | "termMonths" : 12 | "termMonths" : 12.5 | $.contract.termMonths | expected a whole number, but found the value 12.5
        null for a number     | "termMonths" : 12 | "termMonths" : null | $.contract.termMonths | expected a whole number, but found null
        null for a string     | "name" : "Acme Corp" | "name" : null | $.name | must not be null
        missing property      | "name" : "Acme Corp", | '' | $ | Account is missing required properties [name]
        blank identifier      | "id" : "acme", | "id" : "  ", | $.id | accountId must not be blank, but was '  '
        duplicate property    | "name" : "Acme Corp", | "name" : "Acme Corp", "name": "B", | $ | malformed JSON: duplicate property 'name'
        unknown subtype       | "type" : "SIGN_OFF" | "type" : "SIGNOFF" | $.successPlan.milestones[0].completion | unknown or missing type 'SIGNOFF': Could not resolve type id 'SIGNOFF': known type ids = [METRIC_THRESHOLD, SIGN_OFF] (property 'completion')
        negative money        | "amount" : 120000.00 | "amount" : -5 | $.contract.arr | arr must not be negative, but was -5 EUR
        unknown currency      | "currency" : "EUR" | "currency" : "EURO" | $.contract.arr.currency | expected an ISO 4217 currency code such as EUR, but found the string 'EURO'
        NaN                   | "baseline" : 10.0 | "baseline" : NaN | $.successPlan.desiredOutcome.requiredOutcome.metric | malformed JSON: Non-standard token 'NaN' is not a number; give a finite number
        string for an array   | "roles" : [ "EXECUTIVE_SPONSOR" ] | "roles" : "EXECUTIVE_SPONSOR" | $.stakeholders[1].roles | expected an array, but found a string
        period in words       | "reviewCadence" : "P1M", | "reviewCadence" : "monthly", | $.successPlan.reviewCadence | expected a period such as P14D or P1M, but found the string 'monthly'
        """)
    void read_badInput_namesPathAndProblem(String what, String replace, String with, String path, String problem) {
        assertThat(fixture).contains(replace);
        String json = fixture.replaceFirst(java.util.regex.Pattern.quote(replace), java.util.regex.Matcher.quoteReplacement(with));

        assertThatThrownBy(() -> JSON.read(json, Account.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.getMessage()).startsWith(path + ": " + problem).doesNotContain("\n");
                });
    }

    @Test
    void read_typeError_pointsAtTheLineAndColumn() {
        String json = fixture.replace("\"termMonths\" : 12", "\"termMonths\" : \"12\"");

        assertThatThrownBy(() -> JSON.read(json, Account.class))
                .hasMessage("$.contract.termMonths: expected a whole number, but found the string '12' (line 20, column 20)");
    }

    @Test
    void read_brokenRule_hasNoMisleadingLocation() {
        String json = fixture.replace("\"termMonths\" : 12", "\"termMonths\" : 0");

        assertThatThrownBy(() -> JSON.read(json, Account.class))
                .hasMessage("$.contract.termMonths: termMonths must be in [1, 120], but was 0");
    }

    @Test
    void read_trailingContent_isRejected() {
        assertThatThrownBy(() -> JSON.read(fixture + " {}", Account.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("$: unexpected content after the end of the value");
    }

    @Test
    void read_truncatedText_isMalformed() {
        assertThatThrownBy(() -> JSON.read(fixture.substring(0, 200), Account.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessageContaining("malformed JSON: Unexpected end-of-input");
    }

    @Test
    void read_eventWithBrokenRule_namesTheComponent() {
        String json = """
                {"type": "PLAN_REVISED", "accountId": "acme", "planId": "p", "fromVersion": 3, "toVersion": 2,
                 "reason": "r", "occurredAt": "2026-01-01T00:00:00Z"}""";

        assertThatThrownBy(() -> JSON.read(json, AccountEvent.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "$.toVersion: a revision goes from a version of at least 1 to a later one, but went from 3 to 2"));
    }
}
