package org.cskit.scoring.features;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.ScorePoint;
import org.cskit.model.Signal;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;

/**
 * Puts an account's snapshot together as of a time: the features derived from its signals, the
 * {@link StandardFeatures} of its contract and plan, its score history and its previous vector.
 * All snapshots it makes share one {@link #schema()}, so scorecards and playbooks compile once.
 * Immutable and thread-safe.
 */
public final class SnapshotAssembler {
    private final FeatureDeriver deriver;
    private final FeatureSchema schema;

    private SnapshotAssembler(FeatureDeriver deriver) {
        this.deriver = deriver;
        List<String> names = new ArrayList<>(deriver.schema().names());
        for (String standard : StandardFeatures.names()) {
            if (names.contains(standard)) {
                throw Validate.invalid("definitions", "feature '" + standard + "' is a standard feature; name the derived one otherwise");
            }
            names.add(standard);
        }
        this.schema = FeatureSchema.of(names);
    }

    /**
     * Returns an assembler.
     *
     * @param deriver the signal-based features to derive
     * @return the assembler
     * @throws org.cskit.model.ValidationException if a derived feature takes a standard feature's name
     */
    public static SnapshotAssembler of(FeatureDeriver deriver) {
        return new SnapshotAssembler(java.util.Objects.requireNonNull(deriver, "deriver"));
    }

    /**
     * The deriver of the signal-based features, as a columnar run (cs-run's nightly run) takes it.
     *
     * @return the deriver this assembler was made of
     */
    public FeatureDeriver deriver() {
        return deriver;
    }

    /**
     * The schema of every snapshot: the derived features, then the standard ones.
     *
     * @return the schema
     */
    public FeatureSchema schema() {
        return schema;
    }

    /**
     * Assembles one account's snapshot.
     *
     * @param account the account
     * @param signals its signals observed up to {@code asOf}
     * @param asOf the as-of time
     * @param history its earlier scores before {@code asOf}, oldest first
     * @param previous its previous vector, if any
     * @return the snapshot
     * @throws org.cskit.model.ValidationException if a signal is of another account, from the
     *     future or repeats an id, or the history or previous vector is not before {@code asOf}
     */
    public AccountSnapshot assemble(Account account, Collection<Signal> signals, Instant asOf, List<ScorePoint> history,
            Optional<SuccessVector> previous) {
        Features.Builder features = Features.builder(schema);
        deriver.derive(account.id(), signals, asOf, features);
        StandardFeatures.write(account, LocalDate.ofInstant(asOf, ZoneOffset.UTC), features);
        return AccountSnapshot.builder()
                .accountId(account.id())
                .asOf(asOf)
                .segment(account.segment())
                .lifecycleStage(account.lifecycleStage())
                .features(features.build())
                .history(history)
                .previousVector(previous)
                .build();
    }
}
