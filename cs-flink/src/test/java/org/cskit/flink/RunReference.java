package org.cskit.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cskit.model.AccountId;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.model.json.CsJson;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.run.NightlyRun;
import org.cskit.run.NightlyState;
import org.cskit.run.SignalSource;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardSelection;
import org.cskit.scoring.SegmentedScoring;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * The in-JVM nightly job cs-flink's nightly job must agree with: cs-run's {@link NightlyRun}, one
 * night after another over the same accounts (in id order), through a {@link NightlyState} saved
 * to bytes and restored (as a new JVM would), with yesterday's vectors as previous vectors and
 * every earlier night's scores as history, each account in the segment and stage of its latest
 * profile among the night's records. Written from cs-run's public API, not from cs-flink's code.
 */
final class RunReference {
    private static final String PORTFOLIO = "flink-test";

    private final NightlyRun run;
    private final FeatureDeriver deriver;
    private final List<String> bands;
    private final List<String> signals;
    private final List<Segment> segments;
    private byte[] saved;
    private List<String> accounts;
    private VectorColumns yesterday;
    private final TreeMap<Instant, double[]> history = new TreeMap<>();

    RunReference(CsDefinitions d) {
        CsJson json = CsJson.create();
        deriver = FeatureDeriver.of(json.readList(d.featuresJson(), FeatureDefinition.class));
        segments = json.readList(d.segmentsJson(), Segment.class);
        ScoringStrategy strategy;
        Scorecard defaultCard;
        if (d.scorecardJson().contains("\"defaultScorecard\"")) {
            ScorecardSelection selection = json.read(d.scorecardJson(), ScorecardSelection.class);
            defaultCard = selection.defaultScorecard();
            strategy = SegmentedScoring.of(selection);
        } else {
            defaultCard = json.read(d.scorecardJson(), Scorecard.class);
            strategy = WeightedScorecard.of(defaultCard);
        }
        bands = defaultCard.bands().ranges().stream().map(BandScheme.Range::label).toList();
        List<Playbook> playbooks = PlaybookEngine.readJson(d.playbooksJson(), deriver.schema(), bands,
                segments.stream().map(Segment::name).toList());
        run = NightlyRun.builder().portfolio(PORTFOLIO).deriver(deriver).strategy(strategy).playbooks(playbooks).threads(2).sliceSize(64)
                .build();
        TreeSet<String> names = new TreeSet<>();
        deriver.definitions().forEach(def -> {
            names.add(def.signal());
            def.denominator().ifPresent(names::add);
        });
        signals = List.copyOf(names);
    }

    /**
     * Runs one night over the records (observations only), the same accounts every night.
     *
     * @return the plays made and closed
     */
    List<PlayRecord> night(List<AccountInput> records, Instant asOf) {
        TreeMap<String, Map<String, List<long[]>>> byAccount = new TreeMap<>();
        Map<String, AccountInput> profiles = new java.util.HashMap<>(); // the latest at or before asOf
        for (AccountInput in : records) {
            if (in.isProfile()) {
                byAccount.computeIfAbsent(in.accountId, k -> new TreeMap<>());
                profiles.merge(in.accountId, in, (a, b) -> b.eventTime >= a.eventTime ? b : a);
                continue;
            }
            List<long[]> s = byAccount.computeIfAbsent(in.accountId, k -> new TreeMap<>()).computeIfAbsent(in.signal, k -> new ArrayList<>());
            for (int i = 0; i < in.times.length; i++) {
                s.add(new long[] {in.times[i], Double.doubleToRawLongBits(in.values[i])});
            }
        }
        List<String> ids = List.copyOf(byAccount.keySet());
        if (accounts != null && !accounts.equals(ids)) {
            throw new IllegalArgumentException("the reference runs the same accounts every night");
        }
        accounts = ids;
        int n = ids.size();
        List<SignalColumn> columns = new ArrayList<>();
        for (String name : signals) {
            List<long[]> obs = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                List<long[]> s = new ArrayList<>(byAccount.get(ids.get(r)).getOrDefault(name, List.of()));
                s.sort((a, b) -> Long.compare(a[0], b[0]));
                for (long[] o : s) {
                    rows.add(r);
                    obs.add(o);
                }
            }
            columns.add(SignalColumn.of(name, rows.stream().mapToInt(Integer::intValue).toArray(), obs.stream().mapToLong(o -> o[0]).toArray(),
                    obs.stream().mapToDouble(o -> Double.longBitsToDouble(o[1])).toArray()));
        }
        byte[] codes = new byte[n];
        byte[] stages = new byte[n];
        for (int r = 0; r < n; r++) {
            AccountInput p = profiles.get(ids.get(r));
            codes[r] = (byte) (p == null ? 0 : segments.stream().map(Segment::name).toList().indexOf(p.segment));
            stages[r] = (byte) (p == null ? LifecycleStage.ADOPTION : p.stage).ordinal();
        }
        // NightlyRun's batch carries the facts that are not signals; these definitions read none, so one unread fact, missing.
        double[] unread = new double[n];
        java.util.Arrays.fill(unread, Double.NaN);
        FeatureColumns facts = FeatureColumns.builder(FeatureSchema.of(StandardFeatures.ARR), n).feature(StandardFeatures.ARR, unread).build();
        AccountBatch.Builder batch = AccountBatch.builder(facts).asOf(asOf)
                .accountIds(r -> AccountId.of(ids.get(r))).segments(segments, codes).stages(stages);
        if (yesterday != null) {
            batch.previousVectors(yesterday);
        }
        ScoreHistoryColumns.Builder points = ScoreHistoryColumns.builder(n);
        history.forEach(points::point);
        NightlyState state = saved == null ? NightlyState.empty(PORTFOLIO)
                : NightlyState.restore(new ByteArrayInputStream(saved), PORTFOLIO, run.playbooks());
        List<PlayRecord> plays = java.util.Collections.synchronizedList(new ArrayList<>());
        VectorColumns today = VectorColumns.allocate(n, bands);
        run.run(batch.build(), SignalSource.of(SignalColumns.of(n, columns)), points.build(), state, InJvmReference.into(plays), today);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.save(out);
        saved = out.toByteArray();
        yesterday = today;
        history.put(asOf, today.scores().clone());
        return MiniClusters.sorted(plays);
    }
}
