package org.cskit.flink;

import java.io.Serializable;
import java.util.List;
import org.cskit.flink.internal.Pipeline;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;

/**
 * The definitions a cskit job ships with, as the JSON operations staff edit: the features to derive
 * from signals (a JSON array of {@link FeatureDefinition}s), the {@link Scorecard}, and the
 * playbooks (a JSON array, as {@link PlaybookEngine#readJson} reads them). Only the text travels
 * with the job graph; each task compiles it once, in {@code open()}. Immutable and serializable.
 *
 * <p>{@link #of} compiles the definitions once on the client, so a mistake fails the submission
 * with the document and the JSON path, not a running task.
 */
public final class CsDefinitions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String features;
    private final String scorecard;
    private final String playbooks;

    private CsDefinitions(String features, String scorecard, String playbooks) {
        this.features = features;
        this.scorecard = scorecard;
        this.playbooks = playbooks;
    }

    /**
     * Checks and keeps the definitions.
     *
     * @param featuresJson a JSON array of feature definitions
     * @param scorecardJson one scorecard
     * @param playbooksJson a JSON array of playbooks over the features (and the built-in vector
     *     fields); bands must be the scorecard's
     * @return the definitions
     * @throws JsonInputException whose path starts with the document ({@code features}, {@code scorecard}
     *     or {@code playbooks}) and names the first problem in it
     */
    public static CsDefinitions of(String featuresJson, String scorecardJson, String playbooksJson) {
        CsDefinitions d = new CsDefinitions(Validate.present("featuresJson", featuresJson), Validate.present("scorecardJson", scorecardJson),
                Validate.present("playbooksJson", playbooksJson));
        d.compile(null);
        return d;
    }

    /** @return the feature definitions' JSON */
    public String featuresJson() {
        return features;
    }

    /** @return the scorecard's JSON */
    public String scorecardJson() {
        return scorecard;
    }

    /** @return the playbooks' JSON */
    public String playbooksJson() {
        return playbooks;
    }

    /**
     * Compiles the definitions (once per task).
     *
     * @param storeFor the play state store for the set's playbook ids, or null for a check only
     * @return the compiled pipeline
     */
    Pipeline compile(java.util.function.Function<java.util.Set<String>, PlayStateStore> storeFor) {
        List<FeatureDefinition> definitions = read("features", () -> CsJson.create().readList(features, FeatureDefinition.class));
        FeatureDeriver deriver = read("features", () -> FeatureDeriver.of(definitions));
        WeightedScorecard strategy = read("scorecard", () -> WeightedScorecard.of(CsJson.create().read(scorecard, Scorecard.class)));
        List<String> bands = strategy.config().bands().ranges().stream().map(BandScheme.Range::label).toList();
        List<Playbook> set = read("playbooks", () -> PlaybookEngine.readJson(playbooks, deriver.schema(), bands, List.of()));
        PlayStateStore store = storeFor == null ? null
                : storeFor.apply(set.stream().map(Playbook::id).collect(java.util.stream.Collectors.toUnmodifiableSet()));
        return new Pipeline(deriver, strategy, bands, set, store);
    }

    private static <T> T read(String document, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (JsonInputException e) {
            throw new JsonInputException(document + e.path(), e.problem(), "", e);
        } catch (ValidationException e) {
            throw new JsonInputException(document + "$." + e.field(), e.getMessage(), "", e);
        }
    }

    @Override
    public String toString() {
        return "CsDefinitions[" + features.length() + " + " + scorecard.length() + " + " + playbooks.length() + " characters of JSON]";
    }
}
