package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cskit.model.Violations.assertViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cskit.model.SurveyKind.Sentiment;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.event.DetractorResponded;
import org.cskit.model.json.CsJson;
import org.junit.jupiter.api.Test;

class SurveyTest {
    private static final AccountId ACME = AccountId.of("acme");
    private static final Instant NOW = Instant.parse("2026-05-10T00:00:00Z");

    private static SurveyResponse answer(SurveyKind kind, int score, int daysAgo) {
        return SurveyResponse.of(ACME, kind, score, NOW.minus(Duration.ofDays(daysAgo)));
    }

    @Test
    void sentimentOf_eachScaleBoundary_followsTheConvention() {
        assertThat(SurveyKind.NPS.sentimentOf(0)).isEqualTo(Sentiment.NEGATIVE);
        assertThat(SurveyKind.NPS.sentimentOf(6)).isEqualTo(Sentiment.NEGATIVE);
        assertThat(SurveyKind.NPS.sentimentOf(7)).isEqualTo(Sentiment.NEUTRAL);
        assertThat(SurveyKind.NPS.sentimentOf(8)).isEqualTo(Sentiment.NEUTRAL);
        assertThat(SurveyKind.NPS.sentimentOf(9)).isEqualTo(Sentiment.POSITIVE);
        assertThat(SurveyKind.CSAT.sentimentOf(2)).isEqualTo(Sentiment.NEGATIVE);
        assertThat(SurveyKind.CSAT.sentimentOf(3)).isEqualTo(Sentiment.NEUTRAL);
        assertThat(SurveyKind.CSAT.sentimentOf(4)).isEqualTo(Sentiment.POSITIVE);
        assertThat(SurveyKind.CES.sentimentOf(3)).isEqualTo(Sentiment.NEGATIVE);
        assertThat(SurveyKind.CES.sentimentOf(4)).isEqualTo(Sentiment.NEUTRAL);
        assertThat(SurveyKind.CES.sentimentOf(5)).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void response_scoreOffTheScale_isRejectedNamingTheScale() {
        assertViolation(() -> answer(SurveyKind.NPS, 11, 0), "score", "NPS score must be in [0, 10], but was 11");
        assertViolation(() -> answer(SurveyKind.CSAT, 0, 0), "score", "CSAT score must be in [1, 5], but was 0");
        assertViolation(() -> answer(SurveyKind.CES, 8, 0), "score", "CES score must be in [1, 7], but was 8");
    }

    @Test
    void detractorResponded_positiveAnswer_isRejected() {
        assertViolation(() -> new DetractorResponded(answer(SurveyKind.NPS, 9, 0)), "response.score",
                "NPS score 9 is POSITIVE, not negative: only a negative answer is a detractor response");
    }

    @Test
    void detractorResponded_json_roundTripsWithItsTypeName() {
        SurveyResponse r = new SurveyResponse(ACME, SurveyKind.NPS, 3, NOW, Optional.of(PersonId.of("dana")));
        AccountEvent e = new DetractorResponded(r);
        CsJson json = CsJson.create();

        String text = json.write(e);

        assertThat(text).contains("\"type\" : \"DETRACTOR_RESPONDED\"").contains("\"score\" : 3");
        assertThat(json.read(text, AccountEvent.class)).isEqualTo(e);
        assertThat(AccountEvents.typeOf(e)).isEqualTo("DETRACTOR_RESPONDED");
        assertThat(e.accountId()).isEqualTo(ACME);
        assertThat(e.occurredAt()).isEqualTo(NOW);
        assertThat(AccountEvents.TYPES).contains("DETRACTOR_RESPONDED");
    }

    @Test
    void response_jsonWithoutRespondent_readsAsAnonymous() {
        String json = "{\"accountId\": \"acme\", \"kind\": \"CSAT\", \"score\": 2, \"respondedAt\": \"2026-05-10T00:00:00Z\"}";

        SurveyResponse r = CsJson.create().read(json, SurveyResponse.class);

        assertThat(r).isEqualTo(SurveyResponse.of(ACME, SurveyKind.CSAT, 2, NOW));
        assertThat(r.isNegative()).isTrue();
    }

    @Test
    void write_answersInAndOutOfTheWindow_givesHandComputedFeatures() {
        List<SurveyResponse> responses = List.of(
                answer(SurveyKind.NPS, 10, 1), answer(SurveyKind.NPS, 9, 2), answer(SurveyKind.NPS, 7, 3),
                answer(SurveyKind.NPS, 3, 4), answer(SurveyKind.NPS, 0, 90), // exactly a window ago: out
                answer(SurveyKind.CSAT, 5, 5), answer(SurveyKind.CSAT, 3, 6), answer(SurveyKind.CSAT, 1, 7),
                answer(SurveyKind.CES, 6, 8), answer(SurveyKind.CES, 3, 9),
                SurveyResponse.of(ACME, SurveyKind.CES, 1, NOW.plusSeconds(1))); // after the as-of time: out
        Features.Builder b = Features.builder(FeatureSchema.of(SurveyFeatures.names()));

        SurveyFeatures.write(ACME, responses, NOW, Duration.ofDays(90), b);
        Features f = b.build();

        // NPS: 2 promoters, 1 passive, 1 detractor of 4: 100 * (2 - 1) / 4 = 25.
        assertThat(f.get(SurveyFeatures.NPS)).hasValueSatisfying(x -> {
            assertThat(x.value()).isEqualTo(25.0);
            assertThat(x.observations()).isEqualTo(4);
        });
        assertThat(f.value(SurveyFeatures.NPS_DETRACTORS)).hasValue(1.0);
        // CSAT: 1 satisfied of 3.
        assertThat(f.value(SurveyFeatures.CSAT).orElseThrow()).isCloseTo(1.0 / 3, within(1e-15));
        // CES: (6 + 3) / 2.
        assertThat(f.value(SurveyFeatures.CES)).hasValue(4.5);
    }

    @Test
    void write_noAnswers_leavesEveryFeatureMissing() {
        Features.Builder b = Features.builder(FeatureSchema.of(SurveyFeatures.names()));

        SurveyFeatures.write(ACME, List.of(), NOW, Duration.ofDays(90), b);

        assertThat(b.build().value(SurveyFeatures.NPS)).isEmpty();
        assertThat(b.build().value(SurveyFeatures.NPS_DETRACTORS)).isEmpty();
    }

    @Test
    void write_anotherAccountsAnswer_isRejected() {
        Features.Builder b = Features.builder(FeatureSchema.of(SurveyFeatures.names()));
        List<SurveyResponse> other = List.of(SurveyResponse.of(AccountId.of("globex"), SurveyKind.NPS, 5, NOW));

        assertViolation(() -> SurveyFeatures.write(ACME, other, NOW, Duration.ofDays(90), b), "responses.accountId",
                "response of account 'globex' given for account 'acme': an account's features rest on its own answers");
    }

    @Test
    void account_parentItself_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder().parentId(AccountId.of("acme")).build(), "parentId",
                "parentId 'acme' is the account itself: an account cannot be its own parent");
    }

    @Test
    void account_parentAndCsm_roundTripAndAreFound() {
        Account child = Fixtures.accountBuilder().parentId(AccountId.of("acme-group")).build();
        CsJson json = CsJson.create();

        assertThat(json.read(json.write(child), Account.class)).isEqualTo(child);
        assertThat(json.write(Fixtures.account())).doesNotContain("parentId");
        assertThat(child.customerSuccessManager().map(TeamMember::id)).contains(PersonId.of("csm-1"));
    }
}
