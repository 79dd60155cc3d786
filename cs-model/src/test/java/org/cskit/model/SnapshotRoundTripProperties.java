package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cskit.model.json.CsJson;
import org.junit.jupiter.api.Test;

/**
 * Snapshots round-trip through JSON with their missing features (issue 17, item 3): a missing
 * feature is written as {@code null}, so the read-back snapshot has the same schema and is equal.
 */
class SnapshotRoundTripProperties {
    private static final CsJson JSON = CsJson.create();
    private static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");

    @Test
    void json_snapshotWithMissingFeature_readsBackEqualWithTheFeatureMissing() {
        FeatureSchema schema = FeatureSchema.of(List.of("logins_14d", "nps"));
        AccountSnapshot snapshot = snapshot(Features.builder(schema).set("logins_14d", 212, 14).build(), List.of());

        String json = JSON.write(snapshot);
        AccountSnapshot back = JSON.read(json, AccountSnapshot.class);

        assertThat(json).contains("\"nps\" : null");
        assertThat(back).isEqualTo(snapshot);
        assertThat(back.features().schema().names()).containsExactly("logins_14d", "nps");
        assertThat(back.features().value("nps")).isEmpty();
    }

    @Property(tries = 300)
    void json_anySnapshot_roundTripsWithMissingValues(@ForAll("snapshots") AccountSnapshot snapshot) {
        String json = JSON.write(snapshot);
        AccountSnapshot back = JSON.read(json, AccountSnapshot.class);

        assertThat(back).as(json).isEqualTo(snapshot);
        assertThat(JSON.write(back)).isEqualTo(json);
    }

    @Provide
    Arbitrary<AccountSnapshot> snapshots() {
        Arbitrary<Double> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.NaN)),
                net.jqwik.api.Tuple.of(3, Arbitraries.doubles().between(-1e6, 1e6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite)));
        Arbitrary<List<Double>> values = value.list().ofMinSize(1).ofMaxSize(8);
        Arbitrary<List<Double>> scores = Arbitraries.doubles().between(0, 100).list().ofMaxSize(4);
        return Combinators.combine(values, scores, Arbitraries.integers().between(0, 500)).as((vs, hs, obs) -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < vs.size(); i++) {
                names.add("f" + i);
            }
            Features.Builder b = Features.builder(FeatureSchema.of(names));
            for (int i = 0; i < vs.size(); i++) {
                if (!Double.isNaN(vs.get(i))) {
                    b.set("f" + i, vs.get(i), obs);
                }
            }
            List<ScorePoint> history = new ArrayList<>();
            for (int i = 0; i < hs.size(); i++) {
                history.add(ScorePoint.of(AS_OF.minusSeconds(86_400L * (hs.size() - i)), hs.get(i)));
            }
            return snapshot(b.build(), history);
        });
    }

    private static AccountSnapshot snapshot(Features features, List<ScorePoint> history) {
        return AccountSnapshot.builder().accountId(AccountId.of("acme")).asOf(AS_OF)
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH)).lifecycleStage(LifecycleStage.ADOPTION)
                .features(features).history(history)
                .previousVector(SuccessVector.builder().from(Fixtures.vector()).asOf(AS_OF.minusSeconds(86_400 * 7)).build())
                .build();
    }
}
