package org.cskit.testkit;

import java.time.Instant;
import java.util.Map;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;

/**
 * Account snapshots with valid defaults, over a schema and feature values a test chooses.
 * Stateless and thread-safe; every builder is new.
 *
 * <p>Defaults: account {@link #ACCOUNT}, as of {@link #AS_OF}, segment {@code enterprise} (high
 * touch), stage adoption, no history, no previous vector, no override; each feature given counts
 * one observation, features not given are missing.
 */
public final class TestSnapshots {
    /** The default account. */
    public static final AccountId ACCOUNT = AccountId.of("acme");

    /** The default as-of time: 2026-05-10T00:00:00Z. */
    public static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");

    private TestSnapshots() {}

    /**
     * Features over a schema.
     *
     * @param schema the schema
     * @param values the values of some of its features, by name; the rest are missing
     * @return the features
     * @throws org.cskit.model.ValidationException if a name is not in the schema or a value is not finite
     */
    public static Features features(FeatureSchema schema, Map<String, ? extends Number> values) {
        Features.Builder features = Features.builder(schema);
        values.forEach((name, value) -> features.set(name, value.doubleValue(), 1));
        return features.build();
    }

    /**
     * A snapshot over a schema with the given feature values and the defaults above.
     *
     * @param schema the schema
     * @param values the values of some of its features, by name; the rest are missing
     * @return a builder that builds a valid snapshot as it is
     * @throws org.cskit.model.ValidationException if a name is not in the schema or a value is not finite
     */
    public static AccountSnapshot.Builder snapshot(FeatureSchema schema, Map<String, ? extends Number> values) {
        return snapshot(features(schema, values));
    }

    /**
     * A snapshot of the given features with the defaults above.
     *
     * @param features the features
     * @return a builder that builds a valid snapshot as it is
     */
    public static AccountSnapshot.Builder snapshot(Features features) {
        return AccountSnapshot.builder()
                .accountId(ACCOUNT)
                .asOf(AS_OF)
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .features(features);
    }
}
