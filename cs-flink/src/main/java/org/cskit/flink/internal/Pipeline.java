package org.cskit.flink.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cskit.model.AccountId;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.model.event.AccountEvent;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;

/**
 * The compiled definitions of one task: signals to features to a vector to plays, for one account
 * at a time, as one-row columns through the same deriver, scorecard and engine the in-JVM nightly
 * run uses. Not thread-safe (one per task).
 */
public final class Pipeline {
    /** The stage of an account without a profile. */
    public static final LifecycleStage STAGE = LifecycleStage.ADOPTION;

    private final FeatureDeriver deriver;
    private final ScoringStrategy strategy;
    private final List<Segment> segments;
    private final byte[][] segmentCodes; // one shared one-row array per segment
    private final List<String> bands;
    private final List<Playbook> playbooks;
    private final PlaybookEngine engine;
    private final Map<String, PlaybookEngine> byEvent;
    private final java.util.Set<String> eventTypes;
    private final String[] signals;
    private final long lookbackMillis;
    private final long directionMillis;

    /**
     * Compiles.
     *
     * @param deriver the features
     * @param strategy the scoring (one scorecard, or scorecards selected by segment and stage)
     * @param bands the band labels
     * @param directionMillis the longest direction lookback of the scorecards
     * @param segments the declared segments, the first for accounts without a profile
     * @param playbooks the playbooks
     * @param store the play state, or null for a check only (no engine is then built beyond the check)
     */
    public Pipeline(FeatureDeriver deriver, ScoringStrategy strategy, List<String> bands, long directionMillis, List<Segment> segments,
            List<Playbook> playbooks, PlayStateStore store) {
        this.deriver = deriver;
        this.strategy = strategy;
        this.bands = List.copyOf(bands);
        this.segments = List.copyOf(segments);
        this.segmentCodes = new byte[segments.size()][];
        for (int i = 0; i < segmentCodes.length; i++) {
            segmentCodes[i] = new byte[] {(byte) i};
        }
        this.playbooks = List.copyOf(playbooks);
        List<String> segmentNames = segments.stream().map(Segment::name).toList();
        this.engine = store == null ? null : PlaybookEngine.builder().schema(deriver.schema()).bandLabels(bands).playbooks(playbooks)
                .segmentNames(segmentNames).store(store).build();
        // Per event type, an engine over the playbooks that event starts, on the same store: an event
        // evaluates those only, as PlaybookEngine.onEvent does (others neither fire nor close on it).
        Map<String, List<Playbook>> started = new java.util.LinkedHashMap<>();
        for (Playbook p : playbooks) {
            if (p.trigger() instanceof org.cskit.playbooks.Trigger.OnEvent e) {
                started.computeIfAbsent(e.event(), k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, PlaybookEngine> engines = new java.util.HashMap<>();
        if (store != null) {
            started.forEach((type, set) -> engines.put(type, PlaybookEngine.builder().schema(deriver.schema()).bandLabels(bands)
                    .playbooks(set).segmentNames(segmentNames).store(store).build()));
        }
        this.byEvent = Map.copyOf(engines);
        this.eventTypes = java.util.Set.copyOf(started.keySet());
        Set<String> names = new TreeSet<>();
        long lookback = 0;
        for (FeatureDefinition d : deriver.definitions()) {
            names.add(d.signal());
            d.denominator().ifPresent(names::add);
            long windows = d.trendPeriods().orElse(d.change().isPresent() ? 2 : 1);
            lookback = Math.max(lookback, d.window().multipliedBy(windows).toMillis());
        }
        this.signals = names.toArray(String[]::new);
        this.lookbackMillis = lookback;
        this.directionMillis = directionMillis;
    }

    /** @return the signals the features read, sorted */
    public String[] signals() {
        return signals.clone();
    }

    /** @return the longest span any feature reads back from its as-of time, in milliseconds */
    public long lookbackMillis() {
        return lookbackMillis;
    }

    /** @return the playbooks */
    public List<Playbook> playbooks() {
        return playbooks;
    }

    /**
     * Whether any playbook starts on this event's type: if not, the event is not evaluated at all.
     *
     * @param event the event
     * @return whether a playbook's trigger names its type
     */
    public boolean startsAny(AccountEvent event) {
        return eventTypes.contains(org.cskit.model.event.AccountEvents.typeOf(event));
    }

    /** @return the engine */
    public PlaybookEngine engine() {
        return engine;
    }

    /** @return the declared segments */
    public List<Segment> segments() {
        return segments;
    }

    /** @return the scorecard's band labels */
    public List<String> bands() {
        return bands;
    }

    /**
     * Evaluates one account: its features as of {@code asOf} from the observations up to then; for
     * a daily evaluation a new vector (band hysteresis from the last, direction from the history)
     * and every playbook; for an event the playbooks that event starts, the last vector standing.
     *
     * @param account the account
     * @param segment the account's segment, an index into {@link #segments()}
     * @param stage the account's lifecycle stage
     * @param observations per signal name, its series (observations after {@code asOf} are not read)
     * @param history the last vector and earlier scores, or null for none
     * @param asOf the evaluation's time, epoch milliseconds
     * @param event the event handled, or null for a daily evaluation
     * @param sink where plays go
     * @return for a daily evaluation the new history (the new vector last, scores older than the
     *     direction lookback dropped); for an event, {@code history}
     */
    public VectorHistory evaluate(AccountId account, int segment, LifecycleStage stage, Map<String, SignalSeries> observations, VectorHistory history, long asOf,
            AccountEvent event, ActionSink sink) {
        Instant at = Instant.ofEpochMilli(asOf);
        List<SignalColumn> columns = new ArrayList<>(signals.length);
        for (String name : signals) {
            SignalSeries s = observations.get(name);
            int k = s == null ? 0 : upTo(s.times, asOf);
            columns.add(k == 0 ? SignalColumn.of(name, new int[0], new long[0], new double[0])
                    : SignalColumn.of(name, new int[k], s.times, s.values, k));
        }
        FeatureColumns features = FeatureColumns.allocate(deriver.schema(), 1);
        deriver.derive(SignalColumns.of(1, columns), at, features);
        VectorColumns last = history == null ? null : last(history);
        AccountBatch.Builder batch = AccountBatch.builder(features).asOf(at).accountIds(r -> account)
                .segments(segments, segmentCodes[segment]).stage(stage);
        if (event != null) {
            if (last != null) {
                batch.vectors(last).previousVectors(last);
            }
            PlaybookEngine started = byEvent.get(org.cskit.model.event.AccountEvents.typeOf(event));
            if (started != null) {
                started.evaluate(batch.event(0, event).build(), sink);
            }
            return history;
        }
        if (last != null) {
            batch.previousVectors(last);
        }
        ScoreHistoryColumns.Builder points = ScoreHistoryColumns.builder(1);
        if (history != null) {
            // Only earlier points: a night run again on its own state holds tonight's score already.
            for (int i = 0, n = before(history, asOf); i < n; i++) {
                points.point(Instant.ofEpochMilli(history.times[i]), new double[] {history.scores[i]});
            }
        }
        VectorColumns today = VectorColumns.allocate(1, bands);
        strategy.scoreAll(batch.build(), points.build(), today);
        engine.evaluate(batch.vectors(today).build(), sink);
        return append(history, asOf, today);
    }

    private VectorColumns last(VectorHistory h) {
        int n = h.times.length - 1;
        return VectorColumns.builder(1).bands(bands).scores(new double[] {h.scores[n]}).bandCodes(new byte[] {h.band})
                .directionCodes(new byte[] {h.direction}).velocities(new double[] {h.velocity}).coverages(new double[] {h.coverage})
                .build();
    }

    /** The number of the history's points before {@code asOf}. */
    private static int before(VectorHistory h, long asOf) {
        int n = h.times.length;
        while (n > 0 && h.times[n - 1] >= asOf) {
            n--;
        }
        return n;
    }

    private VectorHistory append(VectorHistory h, long asOf, VectorColumns v) {
        int keep = 0;
        int n = h == null ? 0 : before(h, asOf);
        while (keep < n && asOf - h.times[keep] > directionMillis) {
            keep++;
        }
        VectorHistory out = new VectorHistory();
        out.times = h == null ? new long[1] : Arrays.copyOfRange(h.times, keep, n + 1);
        out.scores = h == null ? new double[1] : Arrays.copyOfRange(h.scores, keep, n + 1);
        out.times[out.times.length - 1] = asOf;
        out.scores[out.scores.length - 1] = v.scores()[0];
        out.band = v.bandCodes()[0];
        out.direction = v.directionCodes()[0];
        out.velocity = v.velocities()[0];
        out.coverage = v.coverages()[0];
        return out;
    }

    /** The number of times at or before {@code asOf} (times are sorted). */
    private static int upTo(long[] times, long asOf) {
        int k = times.length;
        while (k > 0 && times[k - 1] > asOf) {
            k--;
        }
        return k;
    }
}
