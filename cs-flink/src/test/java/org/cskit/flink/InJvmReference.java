package org.cskit.flink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.event.AccountEvents;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;
import org.cskit.model.json.CsJson;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;

/**
 * The in-JVM run the Flink operator must agree with: the same JSON definitions compiled by the
 * public APIs, the same inputs replayed in time order, and at each evaluation time every due
 * account at once, as one columnar batch (derive, {@code scoreAll}, {@code PlaybookEngine.evaluate})
 * over an {@link InMemoryPlayStateStore}. Written from cs-flink's documented semantics, not from
 * its code: daily evaluations at the next midnight after a record's latest observation, events at
 * their time after that time's daily evaluation, an event with the last vector standing and only
 * the playbooks it starts.
 */
public final class InJvmReference {
    private static final long DAY = 86_400_000L;

    private InJvmReference() {}

    /**
     * The definitions compiled by the public APIs, with an empty in-memory play state store.
     *
     * @param deriver the features
     * @param card the scorecard
     * @param bands its band labels
     * @param engine the playbooks' engine
     */
    public record Compiled(FeatureDeriver deriver, WeightedScorecard card, List<String> bands, PlaybookEngine engine,
            Map<String, PlaybookEngine> byEvent) {
        public static Compiled of(CsDefinitions d) {
            CsJson json = CsJson.create();
            FeatureDeriver deriver = FeatureDeriver.of(json.readList(d.featuresJson(), FeatureDefinition.class));
            WeightedScorecard card = WeightedScorecard.of(json.read(d.scorecardJson(), Scorecard.class));
            List<String> bands = card.config().bands().ranges().stream().map(BandScheme.Range::label).toList();
            List<Playbook> playbooks = PlaybookEngine.readJson(d.playbooksJson(), deriver.schema(), bands, List.of("default"));
            InMemoryPlayStateStore store = new InMemoryPlayStateStore();
            PlaybookEngine engine = PlaybookEngine.builder().schema(deriver.schema()).bandLabels(bands).playbooks(playbooks).store(store)
                    .build();
            // An event evaluates only the playbooks it starts (PlaybookEngine.onEvent's rule), here as an engine
            // over those playbooks on the same store, so that events can be evaluated as columns.
            Map<String, PlaybookEngine> byEvent = new HashMap<>();
            for (Playbook p : playbooks) {
                if (p.trigger() instanceof Trigger.OnEvent e && !byEvent.containsKey(e.event())) {
                    byEvent.put(e.event(), PlaybookEngine.builder().schema(deriver.schema()).bandLabels(bands).store(store)
                            .playbooks(playbooks.stream().filter(q -> q.trigger() instanceof Trigger.OnEvent o && o.event().equals(e.event()))
                                    .toList()).build());
                }
            }
            return new Compiled(deriver, card, bands, engine, byEvent);
        }
    }

    public static List<PlayRecord> run(CsDefinitions d, List<AccountInput> inputs) {
        CsJson json = CsJson.create();
        Compiled c = Compiled.of(d);
        FeatureDeriver deriver = c.deriver();
        WeightedScorecard card = c.card();
        List<String> bands = c.bands();
        PlaybookEngine engine = c.engine();
        long directionLookback = card.config().direction().lookback().toMillis();
        List<Segment> segments = List.of(Segment.of("default", EngagementModel.SCALED));

        Map<String, Map<String, List<long[]>>> observations = new HashMap<>(); // account -> signal -> (time, value bits)
        TreeMap<Long, TreeSet<String>> daily = new TreeMap<>();
        TreeMap<Long, Map<String, List<AccountEvent>>> events = new TreeMap<>();
        for (AccountInput in : inputs) {
            if (in.signal != null) {
                List<long[]> s = observations.computeIfAbsent(in.accountId, k -> new HashMap<>()).computeIfAbsent(in.signal, k -> new ArrayList<>());
                for (int i = 0; i < in.times.length; i++) {
                    s.add(new long[] {in.times[i], Double.doubleToRawLongBits(in.values[i])});
                }
                long latest = in.times[in.times.length - 1];
                daily.computeIfAbsent(Math.floorDiv(latest + DAY - 1, DAY) * DAY, k -> new TreeSet<>()).add(in.accountId);
            } else {
                AccountEvent e = json.read(in.event, AccountEvent.class);
                events.computeIfAbsent(e.occurredAt().toEpochMilli(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(in.accountId, k -> new ArrayList<>()).add(e);
            }
        }
        observations.values().forEach(m -> m.values().forEach(l -> l.sort((a, b) -> Long.compare(a[0], b[0]))));
        Map<String, List<double[]>> history = new HashMap<>(); // account -> (time, score)
        Map<String, double[]> last = new HashMap<>(); // account -> (score, band, direction, velocity, coverage)
        List<PlayRecord> plays = new ArrayList<>();
        ActionSink sink = into(plays);
        TreeSet<Long> times = new TreeSet<>(daily.keySet());
        times.addAll(events.keySet());
        for (long t : times) {
            Instant at = Instant.ofEpochMilli(t);
            List<String> due = new ArrayList<>(daily.getOrDefault(t, new TreeSet<>()));
            if (!due.isEmpty()) {
                FeatureColumns features = derive(deriver, observations, due, t);
                VectorColumns previous = vectors(bands, last, due);
                TreeSet<Long> pointTimes = new TreeSet<>();
                due.forEach(a -> history.getOrDefault(a, List.of()).forEach(p -> pointTimes.add((long) p[0])));
                Map<Long, double[]> byTime = new LinkedHashMap<>();
                for (long pt : pointTimes) {
                    double[] scores = new double[due.size()];
                    java.util.Arrays.fill(scores, Double.NaN);
                    byTime.put(pt, scores);
                }
                for (int r = 0; r < due.size(); r++) {
                    for (double[] p : history.getOrDefault(due.get(r), List.of())) {
                        byTime.get((long) p[0])[r] = p[1];
                    }
                }
                ScoreHistoryColumns.Builder points = ScoreHistoryColumns.builder(due.size());
                byTime.forEach((pt, scores) -> points.point(Instant.ofEpochMilli(pt), scores));
                AccountBatch.Builder batch = AccountBatch.builder(features).asOf(at).accountIds(r -> AccountId.of(due.get(r)))
                        .segments(segments, null).stage(LifecycleStage.ADOPTION).previousVectors(previous);
                VectorColumns today = VectorColumns.allocate(due.size(), bands);
                card.scoreAll(batch.build(), points.build(), today);
                engine.evaluate(batch.vectors(today).build(), sink);
                for (int r = 0; r < due.size(); r++) {
                    String a = due.get(r);
                    List<double[]> h = new ArrayList<>(history.getOrDefault(a, List.of()));
                    h.removeIf(p -> t - (long) p[0] > directionLookback);
                    h.add(new double[] {t, today.scores()[r]});
                    history.put(a, h);
                    last.put(a, new double[] {today.scores()[r], today.bandCodes()[r], today.directionCodes()[r], today.velocities()[r],
                        today.coverages()[r]});
                }
            }
            Map<String, List<AccountEvent>> atT = events.getOrDefault(t, Map.of());
            for (int round = 0; ; round++) {
                List<String> rows = new ArrayList<>();
                List<AccountEvent> rowEvents = new ArrayList<>();
                for (Map.Entry<String, List<AccountEvent>> e : atT.entrySet()) {
                    if (e.getValue().size() > round) {
                        rows.add(e.getKey());
                        rowEvents.add(e.getValue().get(round));
                    }
                }
                if (rows.isEmpty()) {
                    break;
                }
                FeatureColumns features = derive(deriver, observations, rows, t);
                VectorColumns standing = vectors(bands, last, rows);
                AccountBatch.Builder batch = AccountBatch.builder(features).asOf(at).accountIds(r -> AccountId.of(rows.get(r)))
                        .segments(segments, null).stage(LifecycleStage.ADOPTION).vectors(standing).previousVectors(standing);
                for (int r = 0; r < rows.size(); r++) {
                    batch.event(r, rowEvents.get(r));
                }
                // One event type per batch here (the fixtures make champion changes only).
                String type = AccountEvents.typeOf(rowEvents.get(0));
                if (rowEvents.stream().anyMatch(e -> !AccountEvents.typeOf(e).equals(type))) {
                    throw new IllegalArgumentException("the reference evaluates one event type at a time");
                }
                PlaybookEngine started = c.byEvent().get(type);
                if (started != null) {
                    started.evaluate(batch.build(), sink);
                }
            }
        }
        return plays;
    }

    /** The nightly run: every account of the inputs in one batch, as of {@code asOf}, without history or state. */
    public static List<PlayRecord> nightly(CsDefinitions d, List<AccountInput> inputs, Instant asOf) {
        Compiled c = Compiled.of(d);
        FeatureDeriver deriver = c.deriver();
        WeightedScorecard card = c.card();
        List<String> bands = c.bands();
        PlaybookEngine engine = c.engine();
        Map<String, Map<String, List<long[]>>> observations = new HashMap<>();
        for (AccountInput in : inputs) {
            List<long[]> s = observations.computeIfAbsent(in.accountId, k -> new HashMap<>()).computeIfAbsent(in.signal, k -> new ArrayList<>());
            for (int i = 0; i < in.times.length; i++) {
                s.add(new long[] {in.times[i], Double.doubleToRawLongBits(in.values[i])});
            }
        }
        observations.values().forEach(m -> m.values().forEach(l -> l.sort((a, b) -> Long.compare(a[0], b[0]))));
        List<String> rows = new ArrayList<>(new TreeSet<>(observations.keySet()));
        FeatureColumns features = derive(deriver, observations, rows, asOf.toEpochMilli());
        AccountBatch.Builder batch = AccountBatch.builder(features).asOf(asOf).accountIds(r -> AccountId.of(rows.get(r)))
                .segments(List.of(Segment.of("default", EngagementModel.SCALED)), null).stage(LifecycleStage.ADOPTION);
        VectorColumns today = VectorColumns.allocate(rows.size(), bands);
        card.scoreAll(batch.build(), ScoreHistoryColumns.empty(rows.size()), today);
        List<PlayRecord> plays = new java.util.concurrent.CopyOnWriteArrayList<>();
        engine.evaluateParallel(batch.vectors(today).build(), h -> plays.add(record(h, false)));
        return plays;
    }

    private static FeatureColumns derive(FeatureDeriver deriver, Map<String, Map<String, List<long[]>>> observations, List<String> rows,
            long t) {
        TreeSet<String> names = new TreeSet<>();
        deriver.definitions().forEach(def -> names.add(def.signal()));
        List<SignalColumn> columns = new ArrayList<>();
        for (String name : names) {
            List<Integer> r = new ArrayList<>();
            List<long[]> obs = new ArrayList<>();
            for (int row = 0; row < rows.size(); row++) {
                for (long[] o : observations.getOrDefault(rows.get(row), Map.of()).getOrDefault(name, List.of())) {
                    if (o[0] <= t) {
                        r.add(row);
                        obs.add(o);
                    }
                }
            }
            int[] rs = r.stream().mapToInt(Integer::intValue).toArray();
            long[] ts = obs.stream().mapToLong(o -> o[0]).toArray();
            double[] vs = obs.stream().mapToDouble(o -> Double.longBitsToDouble(o[1])).toArray();
            columns.add(SignalColumn.of(name, rs, ts, vs));
        }
        FeatureColumns features = FeatureColumns.allocate(deriver.schema(), rows.size());
        deriver.derive(SignalColumns.of(rows.size(), columns), Instant.ofEpochMilli(t), features);
        return features;
    }

    private static VectorColumns vectors(List<String> bands, Map<String, double[]> last, List<String> rows) {
        int n = rows.size();
        double[] scores = new double[n];
        byte[] band = new byte[n];
        byte[] direction = new byte[n];
        double[] velocity = new double[n];
        double[] coverage = new double[n];
        for (int r = 0; r < n; r++) {
            double[] v = last.get(rows.get(r));
            scores[r] = v == null ? Double.NaN : v[0];
            band[r] = v == null ? -1 : (byte) v[1];
            direction[r] = v == null ? -1 : (byte) v[2];
            velocity[r] = v == null ? Double.NaN : v[3];
            coverage[r] = v == null ? Double.NaN : v[4];
        }
        return VectorColumns.builder(n).bands(bands).scores(scores).bandCodes(band).directionCodes(direction).velocities(velocity)
                .coverages(coverage).build();
    }

    /** A sink that adds each play made or closed to a list, as the operator emits it. */
    static ActionSink into(List<PlayRecord> plays) {
        return new ActionSink() {
            @Override
            public void deliver(PlayHandle h) {
                plays.add(record(h, false));
            }

            @Override
            public void closed(PlayHandle h) {
                plays.add(record(h, true));
            }
        };
    }

    private static PlayRecord record(PlayHandle h, boolean closed) {
        return new PlayRecord(h.key(), h.accountId().value(), h.playbookId(), h.situation(), h.at().toEpochMilli(), h.reminder(), closed);
    }
}
