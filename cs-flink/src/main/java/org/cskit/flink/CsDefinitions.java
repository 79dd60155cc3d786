package org.cskit.flink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.cskit.flink.internal.Pipeline;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardSelection;
import org.cskit.scoring.SegmentedScoring;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * The definitions a cskit job ships with, as the JSON operations staff edit: the features to derive
 * from signals (a JSON array of {@link FeatureDefinition}s), the scoring (one {@link Scorecard}, or
 * a {@link ScorecardSelection} of scorecards by segment and lifecycle stage), the playbooks (a JSON
 * array, as {@link PlaybookEngine#readJson} reads them) and, optionally, the segments accounts are
 * in. Only the text travels with the job graph; each task compiles it once, in {@code open()}.
 * Immutable and serializable.
 *
 * <p>{@link #of} compiles the definitions once on the client, so a mistake fails the submission
 * with the document and the JSON path, not a running task.
 *
 * <p><b>Segments.</b> Without declared segments, every account is in one segment,
 * {@value #DEFAULT_SEGMENT} ({@code SCALED}). With it, accounts are in the segment their latest
 * {@linkplain AccountInput#profile profile} names, or the first one declared while they have none;
 * a selection's assignments and the playbooks' audiences and {@code account.segment} tests may name
 * only declared segments. Band labels are the default scorecard's; a selected scorecard may use
 * only those.
 */
public final class CsDefinitions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The one segment of definitions that declare none. */
    public static final String DEFAULT_SEGMENT = "default";
    private static final String DEFAULT_SEGMENTS = "[{\"name\": \"" + DEFAULT_SEGMENT + "\", \"engagementModel\": \"SCALED\"}]";

    private final String features;
    private final String scorecard;
    private final String playbooks;
    private final String segments;

    private CsDefinitions(String features, String scorecard, String playbooks, String segments) {
        this.features = features;
        this.scorecard = scorecard;
        this.playbooks = playbooks;
        this.segments = segments;
    }

    /**
     * Checks and keeps the definitions; every account in segment {@value #DEFAULT_SEGMENT}.
     *
     * @param featuresJson a JSON array of feature definitions
     * @param scorecardJson one scorecard, or a selection ({@code {"defaultScorecard": ..., "assignments": [...]}})
     * @param playbooksJson a JSON array of playbooks over the features (and the built-in vector
     *     fields); bands must be the scorecard's
     * @return the definitions
     * @throws JsonInputException whose path starts with the document ({@code features}, {@code scorecard}
     *     or {@code playbooks}) and names the first problem in it
     */
    public static CsDefinitions of(String featuresJson, String scorecardJson, String playbooksJson) {
        CsDefinitions d = new CsDefinitions(Validate.present("featuresJson", featuresJson), Validate.present("scorecardJson", scorecardJson),
                Validate.present("playbooksJson", playbooksJson), DEFAULT_SEGMENTS);
        d.compile(null);
        return d;
    }

    /**
     * Checks and keeps the definitions, with declared segments.
     *
     * @param featuresJson a JSON array of feature definitions
     * @param scorecardJson one scorecard, or a selection ({@code {"defaultScorecard": ..., "assignments": [...]}})
     *     whose assignments name declared segments
     * @param playbooksJson a JSON array of playbooks; bands must be the default scorecard's, segments declared ones
     * @param segmentsJson a JSON array of segments, such as
     *     {@code [{"name": "enterprise", "engagementModel": "HIGH_TOUCH"}]}: 1 to 127, names
     *     distinct; the first is the segment of accounts without a profile
     * @return the definitions
     * @throws JsonInputException whose path starts with the document ({@code features}, {@code scorecard},
     *     {@code playbooks} or {@code segments}) and names the first problem in it
     */
    public static CsDefinitions of(String featuresJson, String scorecardJson, String playbooksJson, String segmentsJson) {
        CsDefinitions d = new CsDefinitions(Validate.present("featuresJson", featuresJson), Validate.present("scorecardJson", scorecardJson),
                Validate.present("playbooksJson", playbooksJson), Validate.present("segmentsJson", segmentsJson));
        d.compile(null);
        return d;
    }

    /** @return the feature definitions' JSON */
    public String featuresJson() {
        return features;
    }

    /** @return the scorecard's (or the selection's) JSON */
    public String scorecardJson() {
        return scorecard;
    }

    /** @return the playbooks' JSON */
    public String playbooksJson() {
        return playbooks;
    }

    /** @return the segments' JSON (one segment, {@value #DEFAULT_SEGMENT}, unless declared) */
    public String segmentsJson() {
        return segments;
    }

    /**
     * Compiles the definitions (once per task).
     *
     * @param storeFor the play state store for the set's playbook ids, or null for a check only
     * @return the compiled pipeline
     */
    Pipeline compile(java.util.function.Function<java.util.Set<String>, PlayStateStore> storeFor) {
        CsJson json = CsJson.create();
        List<Segment> declared = read("segments", () -> json.readList(segments, Segment.class));
        checkSegments(declared);
        List<String> names = declared.stream().map(Segment::name).toList();
        List<FeatureDefinition> definitions = read("features", () -> json.readList(features, FeatureDefinition.class));
        FeatureDeriver deriver = read("features", () -> FeatureDeriver.of(definitions));
        ScoringStrategy strategy;
        List<Scorecard> cards = new ArrayList<>();
        if (read("scorecard", () -> json.read(scorecard, java.util.Map.class)).containsKey("defaultScorecard")) {
            ScorecardSelection selection = read("scorecard", () -> json.read(scorecard, ScorecardSelection.class));
            cards.add(selection.defaultScorecard());
            for (int i = 0; i < selection.assignments().size(); i++) {
                ScorecardSelection.Assignment a = selection.assignments().get(i);
                String at = "scorecard$.assignments[" + i + "]";
                a.segment().filter(name -> !names.contains(name)).ifPresent(name -> {
                    throw new JsonInputException(at + ".segment", "unknown segment '" + name + "'; the definitions declare "
                            + String.join(", ", names), "", null);
                });
                cards.add(a.scorecard());
            }
            strategy = SegmentedScoring.of(selection);
        } else {
            Scorecard card = read("scorecard", () -> json.read(scorecard, Scorecard.class));
            cards.add(card);
            strategy = WeightedScorecard.of(card);
        }
        List<String> bands = cards.get(0).bands().ranges().stream().map(BandScheme.Range::label).toList();
        long direction = 0;
        for (int i = 0; i < cards.size(); i++) {
            for (BandScheme.Range r : cards.get(i).bands().ranges()) {
                if (!bands.contains(r.label())) {
                    throw new JsonInputException("scorecard$.assignments[" + (i - 1) + "].scorecard.bands", "band '" + r.label()
                            + "' is not among the default scorecard's bands " + bands + "; every selected scorecard uses those", "", null);
                }
            }
            direction = Math.max(direction, cards.get(i).direction().lookback().toMillis());
        }
        List<Playbook> set = read("playbooks", () -> PlaybookEngine.readJson(playbooks, deriver.schema(), bands, names));
        PlayStateStore store = storeFor == null ? null
                : storeFor.apply(set.stream().map(Playbook::id).collect(java.util.stream.Collectors.toUnmodifiableSet()));
        return new Pipeline(deriver, strategy, bands, direction, declared, set, store);
    }

    private static void checkSegments(List<Segment> declared) {
        if (declared.isEmpty() || declared.size() > 127) {
            throw new JsonInputException("segments$", "the segments list has " + declared.size() + " segments; declare 1 to 127", "", null);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            if (!seen.add(declared.get(i).name())) {
                throw new JsonInputException("segments$[" + i + "].name", "segment '" + declared.get(i).name()
                        + "' is declared twice; give each segment once", "", null);
            }
        }
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
        return "CsDefinitions[" + features.length() + " + " + scorecard.length() + " + " + playbooks.length() + " + " + segments.length()
                + " characters of JSON]";
    }
}
