package org.cskit.scoring.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cskit.model.MetricDirection;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.calibration.internal.AdditiveBooster;
import org.cskit.scoring.calibration.internal.WoeBinning;

/** {@link ScorecardFitter}'s additive method: bins the columns, boosts, and writes the model as a scorecard. */
final class AdditiveFit {
    private static final double FLAT = 1e-9;
    private static final String INTERACTIONS = "interactions";

    private AdditiveFit() {}

    /** One column, binned for the booster. */
    private static final class Binned {
        final TrainingSet.Column column;
        final double[] cuts; // numeric: bin b holds cuts[b-1] <= x < cuts[b]
        final List<List<String>> categories; // categorical: each bin's categories
        final Map<String, Integer> binOfCategory = new HashMap<>();
        final int valueBins;
        final boolean hasMissingBin;
        int[] pairBins;
        int pairBinCount;
        int[] pairGroupStart; // numeric: first fine bin of each interaction bin

        Binned(TrainingSet.Column column, double[] cuts, List<List<String>> categories, boolean hasMissingBin) {
            this.column = column;
            this.cuts = cuts;
            this.categories = categories;
            this.valueBins = column.kind() == TrainingSet.Kind.NUMERIC ? cuts.length + 1 : categories.size();
            this.hasMissingBin = hasMissingBin;
            for (int b = 0; b < categories.size(); b++) {
                for (String c : categories.get(b)) {
                    binOfCategory.put(c, b);
                }
            }
        }

        boolean numeric() {
            return column.kind() == TrainingSet.Kind.NUMERIC;
        }

        /** The bin of a row of any set with this column, or -1 if missing or an unknown category. */
        int binOf(TrainingSet.Column c, int row) {
            if (c.isMissing(row)) {
                return -1;
            }
            if (numeric()) {
                // the bin is the number of cuts at or below the value (+ 0.0 reads -0.0 as 0.0, as >= does)
                int i = Arrays.binarySearch(cuts, c.number(row) + 0.0);
                return i >= 0 ? i + 1 : -i - 1;
            }
            return binOfCategory.getOrDefault(c.category(row), -1);
        }

        String label(int b) {
            if (!numeric()) {
                return String.join(", ", categories.get(b));
            }
            String from = b == 0 ? "" : Validate.format(cuts[b - 1]) + " <= ";
            String to = b == cuts.length ? "" : " < " + Validate.format(cuts[b]);
            return (from + "x" + to).trim();
        }
    }

    /** A main effect as written into the scorecard: its bins in feature order, merged where their log-odds agree. */
    private static final class MainTerm {
        Binned binned;
        double[] value; // per value bin
        double missingValue;
        double hi;
        double lo;
        int[] order; // categorical: value bins, riskiest first; numeric: identity
        int[] indexStart; // categorical: first category index of each bin, by bin
        ScorecardInput input;

        double range() {
            return hi - lo;
        }

        double valueOf(TrainingSet.Column c, int row) {
            int b = binned.binOf(c, row);
            return b < 0 ? missingValue : value[b];
        }
    }

    private static final class PairTerm {
        MainTerm a;
        MainTerm b;
        double[][] table; // [a's interaction bin][b's interaction bin]
        double hi;
        double lo;
        String name;

        double range() {
            return hi - lo;
        }

        double valueOf(TrainingSet.Column ca, TrainingSet.Column cb, int row) {
            int x = a.binned.binOf(ca, row);
            int y = b.binned.binOf(cb, row);
            if (x < 0 || y < 0) {
                return 0.0;
            }
            return table[a.binned.pairBins[x]][b.binned.pairBins[y]];
        }
    }

    static FittedScorecard fit(TrainingSet training, FitOptions options) {
        int n = training.size();
        boolean[] y = training.outcomes();
        List<Binned> usable = new ArrayList<>();
        List<FittedScorecard.FittedInput> leftOut = new ArrayList<>();
        for (TrainingSet.Column column : training.columns()) {
            MetricDirection monotone = options.monotone().get(column.name());
            if (monotone != null && column.kind() != TrainingSet.Kind.NUMERIC) {
                throw Validate.invalid("monotone." + column.name(), "monotone names column '" + column.name()
                        + "', which is categorical; a monotone constraint needs numbers in order");
            }
            Binned b = column.kind() == TrainingSet.Kind.NUMERIC ? numeric(column, options.additiveBins())
                    : categorical(column, y, Math.max(10, options.minLeafRows()));
            if (b.valueBins < 2) {
                leftOut.add(new FittedScorecard.FittedInput(column.name(), column.kind(), 0.0, 0.0, 0.0, List.of(),
                        "fewer than two values (or categories of at least " + Math.max(10, options.minLeafRows()) + " rows) to tell apart"));
                continue;
            }
            pairBins(b, monotone == null ? options.interactionBins() : 0, y);
            usable.add(b);
        }
        for (String name : options.monotone().keySet()) {
            if (training.column(name).isEmpty()) {
                throw Validate.invalid("monotone." + name, "monotone names column '" + name + "', which the training set does not have");
            }
        }
        if (usable.isEmpty()) {
            throw Validate.invalid("columns", "no column of the " + training.columns().size() + " has two values to tell apart; nothing to fit");
        }
        AdditiveBooster.Feature[] features = new AdditiveBooster.Feature[usable.size()];
        for (int f = 0; f < features.length; f++) {
            Binned b = usable.get(f);
            int[] bin = new int[n];
            for (int r = 0; r < n; r++) {
                int k = b.binOf(b.column, r);
                bin[r] = k < 0 ? b.valueBins : k;
            }
            MetricDirection m = options.monotone().get(b.column.name());
            int sign = m == null ? 0 : m == MetricDirection.HIGHER_IS_BETTER ? -1 : 1;
            int[] pairBins = Arrays.copyOf(b.pairBins, b.valueBins + (b.hasMissingBin ? 1 : 0));
            features[f] = new AdditiveBooster.Feature(bin, b.valueBins + (b.hasMissingBin ? 1 : 0), b.hasMissingBin, b.numeric(), sign,
                    pairBins, b.pairBinCount);
        }
        int[][] train = new int[options.bags()][];
        int[][] valid = new int[options.bags()][];
        for (int b = 0; b < options.bags(); b++) {
            Splits.Split split;
            try {
                split = Splits.holdout(y, options.validationShare(), options.seed() + 7919L * b);
            } catch (ValidationException e) {
                throw Validate.invalid("validationShare", "the additive fit holds out validationShare " + Validate.format(options.validationShare())
                        + " of the rows in each bag to stop early, but " + e.getMessage().replace("testShare " + options.validationShare() + " leaves",
                                "that leaves"));
            }
            train[b] = split.train();
            valid[b] = split.test();
        }
        AdditiveBooster.Model model = AdditiveBooster.fit(features, y, new AdditiveBooster.Params(options.learningRate(),
                options.maxRounds(), options.earlyStoppingRounds(), options.minLeafRows(), options.interactions()), train, valid);

        // the terms as the scorecard states them
        double intercept = model.intercept();
        List<MainTerm> mains = new ArrayList<>();
        List<MainTerm> flat = new ArrayList<>();
        Map<Integer, MainTerm> mainOf = new HashMap<>();
        for (int f = 0; f < features.length; f++) {
            MainTerm t = main(usable.get(f), model.main()[f]);
            if (t.range() > FLAT) {
                mains.add(t);
                mainOf.put(f, t);
            } else {
                intercept += t.hi;
                flat.add(t);
            }
        }
        // Nothing learnt (the negative control): every input stays, flat, and every account scores 50.
        boolean nothing = mains.isEmpty();
        if (nothing) {
            for (MainTerm t : flat) {
                t.hi = 0.0;
                t.lo = 0.0;
                t.value = new double[t.value.length];
                t.missingValue = 0.0;
            }
            mains.addAll(flat);
            flat.clear();
        }
        for (MainTerm t : flat) {
            leftOut.add(new FittedScorecard.FittedInput(t.binned.column.name(), t.binned.column.kind(), 0.0, 0.0, 0.0, List.of(),
                    "boosting gave it a flat shape: no split of it improved the held-out rows"));
        }
        List<PairTerm> pairs = new ArrayList<>();
        List<String> droppedPairs = new ArrayList<>();
        for (int p = 0; p < model.pairs().size(); p++) {
            int[] ab = model.pairs().get(p);
            PairTerm t = pair(mainOf.get(ab[0]), mainOf.get(ab[1]), model.pair().get(p), usable.get(ab[0]), usable.get(ab[1]));
            if (t == null) {
                droppedPairs.add(usable.get(ab[0]).column.name() + " x " + usable.get(ab[1]).column.name());
            } else if (t.range() > FLAT) {
                pairs.add(t);
            }
        }
        double span = 0.0;
        for (MainTerm t : mains) {
            span += t.range();
        }
        for (PairTerm t : pairs) {
            span += t.range();
        }
        double constant = intercept;
        for (MainTerm t : mains) {
            constant += t.hi;
            t.input = mainInput(t, nothing ? 1.0 : t.range() / span);
        }
        for (PairTerm t : pairs) {
            constant += t.hi;
        }

        Map<String, List<ScorecardInput>> groups = new LinkedHashMap<>();
        for (MainTerm t : mains) {
            groups.computeIfAbsent(options.groups().getOrDefault(t.binned.column.name(), "fitted"), g -> new ArrayList<>()).add(t.input);
        }
        List<FittedScorecard.Interaction> interactions = new ArrayList<>();
        for (PairTerm t : pairs) {
            groups.computeIfAbsent(INTERACTIONS, g -> new ArrayList<>()).add(pairInput(t, t.range() / span));
            interactions.add(interaction(t, t.range() / span));
        }
        List<ScorecardGroup> scorecardGroups = new ArrayList<>();
        groups.forEach((name, inputs) -> scorecardGroups.add(ScorecardGroup.builder().name(name)
                .weight(groups.size() == 1 ? 1.0 : inputs.stream().mapToDouble(ScorecardInput::weight).sum()).inputs(inputs).build()));

        final double finalIntercept = intercept;
        FittedScorecard.RowLogit logit = (rows, row) -> {
            double l = finalIntercept;
            for (MainTerm t : mains) {
                l += t.valueOf(rows.column(t.binned.column.name()).orElseThrow(), row);
            }
            for (PairTerm t : pairs) {
                l += t.valueOf(rows.column(t.a.binned.column.name()).orElseThrow(), rows.column(t.b.binned.column.name()).orElseThrow(), row);
            }
            return l;
        };
        double[] trainingScores = new double[n];
        for (int r = 0; r < n; r++) {
            trainingScores[r] = nothing ? 50.0 : 100 * (constant - logit.logit(training, r)) / span;
        }
        int positives = training.churnedCount();
        int rounds = Arrays.stream(model.rounds()).sum() / model.rounds().length;
        int pairRounds = Arrays.stream(model.pairRounds()).sum() / model.pairRounds().length;
        Scorecard scorecard = Scorecard.builder().id(options.id()).groups(scorecardGroups).bands(ScorecardFitter.bands(options, trainingScores))
                .description(nothing ? String.format(Locale.ROOT, "Fitted by cskit calibration on %d rows (%d churned): an explainable "
                        + "boosting machine in which no input improved the held-out rows of any of %d bags, so every input is flat "
                        + "and every account scores 50. Churn log-odds = %.6f.", n, positives, options.bags(), constant)
                        : String.format(Locale.ROOT, "Fitted by cskit calibration on %d rows (%d churned): an explainable boosting "
                        + "machine, a shape per input and %d two-way interactions (%d bags, learning rate %s; on average a bag kept %d rounds "
                        + "of shapes and %d of interactions). Churn log-odds = %.6f - %.6f * score / 100.", n, positives, pairs.size(),
                        options.bags(), Validate.format(options.learningRate()), rounds, pairRounds, constant, span))
                .build();

        List<ScorecardInput> naiveInputs = new ArrayList<>();
        double[] naiveScores = new double[n];
        for (MainTerm t : mains) {
            naiveInputs.add(mainInput(t, 1.0));
            TrainingSet.Column c = t.binned.column;
            for (int r = 0; r < n; r++) {
                naiveScores[r] += 100.0 * goodness(t.hi, t.lo, t.valueOf(c, r)) / mains.size();
            }
        }
        Scorecard naive = Scorecard.builder().id(ScorecardId.of(options.id().value() + "-naive"))
                .description("Every input equally weighted after the same normalisation (its shape), for comparison.")
                .addGroups(ScorecardGroup.builder().name("naive").weight(1).inputs(naiveInputs).build())
                .bands(ScorecardFitter.bands(options, naiveScores)).build();

        List<FittedScorecard.FittedInput> summaries = new ArrayList<>();
        for (MainTerm t : mains) {
            summaries.add(summary(t, y, nothing ? 1.0 / mains.size() : t.range() / span));
        }
        summaries.addAll(leftOut);
        for (String d : droppedPairs) {
            summaries.add(new FittedScorecard.FittedInput(d, TrainingSet.Kind.NUMERIC, 0.0, 0.0, 0.0, List.of(),
                    "an interaction with a column whose own shape is flat, so the scorecard has no order for its categories"));
        }
        Map<String, TrainingSet.Kind> kinds = new LinkedHashMap<>();
        for (MainTerm t : mains) {
            kinds.put(t.binned.column.name(), t.binned.column.kind());
        }
        return new FittedScorecard(FitOptions.Method.ADDITIVE, scorecard, naive, summaries, interactions, kinds, logit, constant, span,
                n, positives);
    }

    private static Binned numeric(TrainingSet.Column column, int maxBins) {
        double[] values = column.numbers();
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int missing = values.length - present.length;
        List<Double> cuts = new ArrayList<>();
        double target = Math.max(1.0, (double) present.length / maxBins);
        int start = 0;
        for (int i = 1; i < present.length; i++) {
            if (present[i] != present[i - 1] && i - start >= target && cuts.size() < maxBins - 1) {
                cuts.add(cut(present[i - 1], present[i]));
                start = i;
            }
        }
        return new Binned(column, cuts.stream().mapToDouble(Double::doubleValue).toArray(), List.of(), missing > 0);
    }

    /**
     * A cut between two neighbouring values, {@code below < cut <= from}: the midpoint, rounded to
     * the fewest digits that still fall between them, so that tables read 323.3 rather than
     * 323.29999999999995.
     */
    static double cut(double below, double from) {
        double mid = below + (from - below) / 2;
        if (Double.isFinite(mid)) {
            for (int scale = -9; scale <= 15; scale++) {
                double c = new java.math.BigDecimal(mid).setScale(scale, java.math.RoundingMode.HALF_UP).doubleValue();
                if (c > below && c <= from) {
                    return c;
                }
            }
        }
        return mid > below && mid <= from ? mid : from;
    }

    private static Binned categorical(TrainingSet.Column column, boolean[] y, int minRows) {
        Map<String, int[]> counts = new TreeMap<>();
        int missing = 0;
        for (int r = 0; r < column.size(); r++) {
            String c = column.category(r);
            if (c == null) {
                missing++;
            } else {
                int[] k = counts.computeIfAbsent(c, x -> new int[2]);
                k[0]++;
                k[1] += y[r] ? 1 : 0;
            }
        }
        List<List<String>> bins = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        counts.forEach((c, k) -> {
            if (k[0] >= minRows) {
                bins.add(List.of(c));
            } else {
                rare.add(c);
            }
        });
        if (!rare.isEmpty()) {
            bins.add(List.copyOf(rare));
        }
        return new Binned(column, new double[0], List.copyOf(bins), missing > 0);
    }

    /** Interaction bins: numeric fine bins grouped by equal frequency, categories as they are (if few enough). */
    private static void pairBins(Binned b, int maxPairBins, boolean[] y) {
        b.pairBins = new int[b.valueBins];
        if (maxPairBins < 2) {
            b.pairBinCount = 0;
            return;
        }
        if (!b.numeric()) {
            b.pairBinCount = b.valueBins <= maxPairBins ? b.valueBins : 0;
            for (int k = 0; k < b.valueBins; k++) {
                b.pairBins[k] = k;
            }
            return;
        }
        int[] rows = new int[b.valueBins];
        int present = 0;
        for (int r = 0; r < y.length; r++) {
            int k = b.binOf(b.column, r);
            if (k >= 0) {
                rows[k]++;
                present++;
            }
        }
        double target = (double) present / maxPairBins;
        int group = 0;
        int inGroup = 0;
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int k = 0; k < b.valueBins; k++) {
            if (inGroup >= target && group < maxPairBins - 1) {
                group++;
                inGroup = 0;
                starts.add(k);
            }
            b.pairBins[k] = group;
            inGroup += rows[k];
        }
        b.pairBinCount = group + 1;
        b.pairGroupStart = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static MainTerm main(Binned b, double[] shape) {
        MainTerm t = new MainTerm();
        t.binned = b;
        t.value = Arrays.copyOf(shape, b.valueBins);
        t.missingValue = b.hasMissingBin ? shape[b.valueBins] : 0.0;
        t.hi = t.missingValue;
        t.lo = t.missingValue;
        for (double v : t.value) {
            t.hi = Math.max(t.hi, v);
            t.lo = Math.min(t.lo, v);
        }
        Integer[] order = new Integer[b.valueBins];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        if (!b.numeric()) {
            // riskiest first, so that goodness rises with the category index
            Arrays.sort(order, (i, j) -> {
                int c = Double.compare(t.value[j], t.value[i]);
                return c != 0 ? c : Integer.compare(i, j);
            });
        }
        t.order = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        t.indexStart = new int[b.valueBins];
        int index = 0;
        for (int k : t.order) {
            t.indexStart[k] = index;
            index += b.numeric() ? 1 : b.categories.get(k).size();
        }
        return t;
    }

    private static double goodness(double hi, double lo, double v) {
        if (hi - lo <= FLAT) {
            return 0.5;
        }
        return Math.max(0.0, Math.min(1.0, (hi - v) / (hi - lo)));
    }

    private static ScorecardInput mainInput(MainTerm t, double weight) {
        Binned b = t.binned;
        // segments of bins in feature order whose goodness agrees
        List<Double> bounds = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < t.order.length; i++) {
            int k = t.order[i];
            double g = goodness(t.hi, t.lo, t.value[k]);
            if (i > 0 && g == scores.get(scores.size() - 1)) {
                continue;
            }
            if (i > 0) {
                bounds.add(b.numeric() ? b.cuts[k - 1] : (double) t.indexStart[k]);
            }
            scores.add(g);
        }
        if (bounds.isEmpty()) {
            // every value alike, only missing differs: one bound, the same score either side
            bounds.add(b.numeric() ? b.cuts[0] : (double) t.indexStart[t.order[1]]);
            scores.add(scores.get(0));
        }
        boolean rising = true;
        boolean falling = true;
        for (int i = 1; i < scores.size(); i++) {
            rising &= scores.get(i) >= scores.get(i - 1);
            falling &= scores.get(i) <= scores.get(i - 1);
        }
        Normalizer normalizer;
        MetricDirection direction = MetricDirection.HIGHER_IS_BETTER;
        if (rising) {
            normalizer = new Normalizer.Tiers(bounds, scores);
        } else if (falling) {
            direction = MetricDirection.LOWER_IS_BETTER;
            normalizer = new Normalizer.Tiers(bounds, scores.stream().map(s -> 1.0 - s).toList());
        } else {
            normalizer = new Normalizer.Steps(bounds, scores);
        }
        List<String> categories = new ArrayList<>();
        if (!b.numeric()) {
            for (int k : t.order) {
                categories.addAll(b.categories.get(k));
            }
        }
        return ScorecardInput.builder().name(b.column.name()).weight(weight).normalizer(normalizer).direction(direction)
                .missing(MissingDataPolicy.FIXED).missingGoodness(goodness(t.hi, t.lo, t.missingValue)).categories(categories).build();
    }

    private static PairTerm pair(MainTerm a, MainTerm b, double[] cells, Binned ba, Binned bb) {
        if (a == null || b == null) {
            return null;
        }
        PairTerm t = new PairTerm();
        t.a = a;
        t.b = b;
        t.name = a.binned.column.name() + " x " + b.binned.column.name();
        int ka = ba.pairBinCount;
        int kb = bb.pairBinCount;
        t.table = new double[ka][kb];
        t.hi = 0.0;
        t.lo = 0.0;
        for (int i = 0; i < ka; i++) {
            for (int j = 0; j < kb; j++) {
                t.table[i][j] = cells[i * kb + j];
                t.hi = Math.max(t.hi, t.table[i][j]);
                t.lo = Math.min(t.lo, t.table[i][j]);
            }
        }
        return t;
    }

    /** The grid's order of one side: interaction bins in feature order (categories riskiest first, as the input lists them). */
    private static int[] gridOrder(MainTerm t) {
        Binned b = t.binned;
        if (b.numeric()) {
            int[] order = new int[b.pairBinCount];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            return order;
        }
        return t.order.clone(); // categorical: interaction bin = bin
    }

    private static List<Double> gridBounds(MainTerm t) {
        Binned b = t.binned;
        List<Double> bounds = new ArrayList<>();
        if (b.numeric()) {
            for (int g = 1; g < b.pairBinCount; g++) {
                bounds.add(b.cuts[b.pairGroupStart[g] - 1]);
            }
        } else {
            for (int i = 1; i < t.order.length; i++) {
                bounds.add((double) t.indexStart[t.order[i]]);
            }
        }
        return bounds;
    }

    private static ScorecardInput pairInput(PairTerm t, double weight) {
        int[] ra = gridOrder(t.a);
        int[] rb = gridOrder(t.b);
        List<List<Double>> scores = new ArrayList<>();
        for (int i : ra) {
            List<Double> row = new ArrayList<>();
            for (int j : rb) {
                row.add(goodness(t.hi, t.lo, t.table[i][j]));
            }
            scores.add(row);
        }
        return ScorecardInput.builder().name(t.name).feature(t.a.binned.column.name()).crossFeature(t.b.binned.column.name())
                .weight(weight).normalizer(new Normalizer.Grid(gridBounds(t.a), gridBounds(t.b), scores))
                .missing(MissingDataPolicy.FIXED).missingGoodness(goodness(t.hi, t.lo, 0.0)).build();
    }

    private static List<String> gridLabels(MainTerm t) {
        Binned b = t.binned;
        List<String> labels = new ArrayList<>();
        if (b.numeric()) {
            for (int g = 0; g < b.pairBinCount; g++) {
                String from = g == 0 ? "" : Validate.format(b.cuts[b.pairGroupStart[g] - 1]) + " <= ";
                String to = g == b.pairBinCount - 1 ? "" : " < " + Validate.format(b.cuts[b.pairGroupStart[g + 1] - 1]);
                labels.add((from + "x" + to).trim());
            }
        } else {
            for (int k : t.order) {
                labels.add(b.label(k));
            }
        }
        return labels;
    }

    private static FittedScorecard.Interaction interaction(PairTerm t, double weight) {
        int[] ra = gridOrder(t.a);
        int[] rb = gridOrder(t.b);
        double[][] cells = new double[ra.length][rb.length];
        for (int i = 0; i < ra.length; i++) {
            for (int j = 0; j < rb.length; j++) {
                cells[i][j] = t.table[ra[i]][rb[j]];
            }
        }
        return new FittedScorecard.Interaction(t.name, t.a.binned.column.name(), t.b.binned.column.name(), weight, gridLabels(t.a),
                gridLabels(t.b), cells);
    }

    private static FittedScorecard.FittedInput summary(MainTerm t, boolean[] y, double weight) {
        Binned b = t.binned;
        int k = b.valueBins;
        int[] rows = new int[k];
        int[] churned = new int[k];
        int missingRows = 0;
        int missingChurned = 0;
        int total = 0;
        for (int r = 0; r < y.length; r++) {
            int bin = b.binOf(b.column, r);
            if (bin < 0) {
                missingRows++;
                missingChurned += y[r] ? 1 : 0;
            } else {
                rows[bin]++;
                churned[bin] += y[r] ? 1 : 0;
            }
            total += y[r] ? 1 : 0;
        }
        int renewedTotal = y.length - total;
        List<FittedScorecard.Bin> bins = new ArrayList<>();
        double iv = 0.0;
        // bins in feature order, merged where the scorecard gives them the same points
        int i = 0;
        while (i < t.order.length) {
            int first = t.order[i];
            double v = t.value[first];
            int rs = 0;
            int cs = 0;
            List<String> labels = new ArrayList<>();
            int j = i;
            while (j < t.order.length && t.value[t.order[j]] == v) {
                rs += rows[t.order[j]];
                cs += churned[t.order[j]];
                labels.add(b.label(t.order[j]));
                j++;
            }
            String label;
            if (b.numeric()) {
                String from = first == 0 ? "" : Validate.format(b.cuts[first - 1]) + " <= ";
                int last = t.order[j - 1];
                String to = last == b.cuts.length ? "" : " < " + Validate.format(b.cuts[last]);
                label = (from + "x" + to).trim();
            } else {
                label = String.join(", ", labels);
            }
            bins.add(new FittedScorecard.Bin(label, rs, cs, v, goodness(t.hi, t.lo, v)));
            iv += ivTerm(cs, rs - cs, total, renewedTotal);
            i = j;
        }
        if (missingRows > 0) {
            bins.add(new FittedScorecard.Bin("missing", missingRows, missingChurned, t.missingValue, goodness(t.hi, t.lo, t.missingValue)));
            iv += ivTerm(missingChurned, missingRows - missingChurned, total, renewedTotal);
        }
        return new FittedScorecard.FittedInput(b.column.name(), b.column.kind(), iv, 1.0, weight, List.copyOf(bins), "");
    }

    private static double ivTerm(int churned, int renewed, int totalChurned, int totalRenewed) {
        double woe = WoeBinning.woe(churned, renewed, totalChurned, totalRenewed);
        return ((double) churned / Math.max(1, totalChurned) - (double) renewed / Math.max(1, totalRenewed)) * woe;
    }
}
