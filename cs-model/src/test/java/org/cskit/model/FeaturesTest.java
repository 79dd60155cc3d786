package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;

class FeaturesTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of("logins_14d", "nps");

    @Test
    void schema_duplicateName_isRejected() {
        assertViolation(() -> FeatureSchema.of("a", "b", "a"), "names[2]", "duplicate feature name 'a' in schema");
    }

    @Test
    void schema_empty_isRejected() {
        assertViolation(FeatureSchema::of, "names", "a feature schema needs at least one name, but names was empty");
    }

    @Test
    void schema_blankName_isRejected() {
        assertViolation(() -> FeatureSchema.of("a", " "), "names[1]", "names[1] must not be blank, but was ' '");
    }

    @Test
    void require_unknownName_listsTheKnownOnes() {
        assertViolation(() -> SCHEMA.require("logins"), "feature", "unknown feature 'logins'; known features: logins_14d, nps");
    }

    @Test
    void builder_unsetFeature_isMissing() {
        Features f = Features.builder(SCHEMA).set("logins_14d", 42, 14).build();

        assertThat(f.value("logins_14d")).hasValue(42.0);
        assertThat(f.get("logins_14d")).contains(new Feature("logins_14d", 42, 14));
        assertThat(f.value("nps")).isEmpty();
        assertThat(f.isPresentAt(1)).isFalse();
        assertThat(f.valueAt(1)).isNaN();
        assertThat(f.observationsAt(1)).isZero();
    }

    @Test
    void builder_nonFiniteValue_isRejected() {
        assertViolation(() -> Features.builder(SCHEMA).set("nps", Double.NaN, 1), "nps",
                "feature 'nps' must be a finite number, but was NaN");
        assertViolation(() -> Features.builder(SCHEMA).set("nps", Double.POSITIVE_INFINITY, 1), "nps",
                "feature 'nps' must be a finite number, but was Infinity");
    }

    @Test
    void builder_negativeObservations_isRejected() {
        assertViolation(() -> Features.builder(SCHEMA).set("nps", 10, -1), "nps",
                "feature 'nps' observations must not be negative, but was -1");
    }

    @Test
    void builder_reusedAfterBuild_doesNotChangeTheBuiltValue() {
        Features.Builder b = Features.builder(SCHEMA).set("nps", 10, 1);
        Features first = b.build();
        b.set("nps", 50, 2).clear("logins_14d");

        assertThat(first.value("nps")).hasValue(10.0);
    }

    @Test
    void json_snapshotWithFeaturesAndHistory_roundTrips() {
        AccountSnapshot snapshot = AccountSnapshot.builder()
                .accountId(AccountId.of("acme"))
                .asOf(Instant.parse("2026-05-10T00:00:00Z"))
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .features(Features.builder(SCHEMA).set("logins_14d", 42, 14).build())
                .addHistory(ScorePoint.of(Instant.parse("2026-05-03T00:00:00Z"), 61.5))
                .previousVector(SuccessVector.builder().from(Fixtures.vector()).asOf(Instant.parse("2026-05-03T00:00:00Z")).build())
                .build();
        CsJson json = CsJson.create();

        String text = json.write(snapshot);

        assertThat(text).contains("\"logins_14d\" : {").doesNotContain("\"nps\" : {");
        // The schema of read features holds the present names only: equal values, not an equal schema.
        AccountSnapshot read = json.read(text, AccountSnapshot.class);
        assertThat(read.features().value("logins_14d")).hasValue(42.0);
        assertThat(read.history()).isEqualTo(snapshot.history());
        assertThat(read.previousVector()).isEqualTo(snapshot.previousVector());
    }

    @Test
    void json_nonFiniteOrNegativeFeature_namesThePath() {
        String json = """
                {"accountId": "acme", "asOf": "2026-05-10T00:00:00Z",
                 "segment": {"name": "enterprise", "engagementModel": "HIGH_TOUCH"}, "lifecycleStage": "ADOPTION",
                 "features": {"logins_14d": {"value": 3, "observations": -2}}}""";

        assertThatThrownBy(() -> CsJson.create().read(json, AccountSnapshot.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$.features.logins_14d: feature 'logins_14d' observations must not be negative, but was -2");
    }

    @Test
    void snapshot_historyAfterAsOf_isRejected() {
        assertViolation(() -> AccountSnapshot.builder()
                        .accountId(AccountId.of("acme"))
                        .asOf(Instant.parse("2026-05-10T00:00:00Z"))
                        .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH))
                        .lifecycleStage(LifecycleStage.ADOPTION)
                        .features(Features.builder(SCHEMA).build())
                        .addHistory(ScorePoint.of(Instant.parse("2026-05-10T00:00:00Z"), 50))
                        .build(),
                "history[0].at", "history[0] at 2026-05-10T00:00:00Z is not before the snapshot's asOf 2026-05-10T00:00:00Z");
    }
}
