package org.cskit.cli.calibrate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cskit.model.MetricDirection;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.cli.input.CsvTable;
import org.cskit.cli.input.InputException;
import org.cskit.scoring.calibration.Evaluation;
import org.cskit.scoring.calibration.FitOptions;
import org.cskit.scoring.calibration.FittedScorecard;
import org.cskit.scoring.calibration.ScorecardFitter;
import org.cskit.scoring.calibration.Splits;
import org.cskit.scoring.calibration.TrainingSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calibrate}: fits a scorecard on any labelled CSV, judges it on rows the fit never saw,
 * and writes the scorecard JSON and an HTML report. The last line printed is always
 * {@code holdout AUC=0.8412 [0.8190, 0.8630] naive AUC=0.7950 rows=1409}.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a scorecard's weights from a labelled CSV and judge it on held-out rows.",
            "Columns are numeric when every non-blank cell is a number, else categorical; blank cells are missing."})
public final class Calibrate implements Callable<Integer> {
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "the CSV file, with a header line")
    Path csv;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "the outcome column")
    String label;

    @Option(names = "--positive", required = true, paramLabel = "VALUE", description = "the label value that means churned")
    String positive;

    @Option(names = "--id", paramLabel = "COLUMN", description = "an id column, not used as an input")
    String id;

    @Option(names = "--drop", split = ",", paramLabel = "COLUMN", description = "columns to leave out, comma separated")
    List<String> drop = new ArrayList<>();

    @Option(names = "--holdout", paramLabel = "SHARE", description = "share of rows held out, stratified (default 0.2 unless row ranges are given)")
    Double holdout;

    @Option(names = "--train-rows", paramLabel = "A-B", description = "data rows to fit on, numbered from 1 after the header")
    String trainRows;

    @Option(names = "--test-rows", paramLabel = "C-D", description = "data rows to judge on")
    String testRows;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the split and the bootstrap (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "scorecard.json", paramLabel = "FILE", description = "scorecard JSON to write (default ${DEFAULT-VALUE}); the HTML report goes beside it")
    Path out;

    @Option(names = "--fitter", defaultValue = "linear", paramLabel = "linear|additive",
            description = "linear: weight-of-evidence tiers weighted by logistic regression; additive: an explainable boosting machine,"
                    + " a shape per input and two-way interaction tables (default ${DEFAULT-VALUE})")
    String fitter;

    @Option(names = "--interactions", paramLabel = "K", description = "additive: the most two-way interaction tables (default 10)")
    Integer interactions;

    @Option(names = "--monotone", split = ",", paramLabel = "COLUMN:higher|lower",
            description = "additive: keep a numeric input's effect monotone: higher (higher values are better: risk only falls) or lower")
    List<String> monotone = new ArrayList<>();

    @Option(names = "--resamples", defaultValue = "1000", description = "bootstrap resamples for the AUC interval (default ${DEFAULT-VALUE})")
    int resamples;

    /** What a run produced, for callers and tests. */
    private Result result;

    /**
     * The outcome of one run.
     *
     * @param fitted the fitted scorecard
     * @param holdout its evaluation on the held-out rows
     * @param naive the naive scorecard's evaluation on the same rows
     * @param report the HTML report's path
     */
    public record Result(FittedScorecard fitted, Evaluation holdout, Evaluation naive, Path report) {}

    /** @return the last run's result, or null */
    public Result result() {
        return result;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        FitOptions fitOptions = fitOptions();
        CsvTable table = CsvTable.read(csv);
        int labelIndex = table.indexOf(label);
        if (labelIndex < 0) {
            throw new InputException(csv + ":" + 1 + ": no label column '" + label + "'; columns are " + String.join(", ", table.header()));
        }
        Set<String> excluded = new LinkedHashSet<>();
        excluded.add(label);
        if (id != null) {
            if (table.indexOf(id) < 0) {
                throw new InputException(csv + ":1: no id column '" + id + "'; columns are " + String.join(", ", table.header()));
            }
            excluded.add(id);
        }
        for (String d : drop) {
            if (table.indexOf(d.trim()) < 0) {
                throw new InputException(csv + ":1: --drop names '" + d.trim() + "', which is not a column; columns are "
                        + String.join(", ", table.header()));
            }
            excluded.add(d.trim());
        }
        int n = table.rows().size();
        boolean[] churned = new boolean[n];
        Set<String> seen = new TreeSet<>();
        int positives = 0;
        for (int r = 0; r < n; r++) {
            String value = table.rows().get(r).get(labelIndex).trim();
            if (value.isEmpty()) {
                throw new InputException(csv + ":" + table.lines().get(r) + ": label '" + label + "' is blank");
            }
            seen.add(value);
            churned[r] = value.equals(positive);
            positives += churned[r] ? 1 : 0;
        }
        if (positives == 0) {
            throw new InputException(csv + ": label '" + label + "' has no positive rows: no row is '" + positive + "' (values: "
                    + String.join(", ", seen.stream().limit(10).toList()) + (seen.size() > 10 ? ", ..." : "") + ")");
        }
        if (positives == n) {
            throw new InputException(csv + ": label '" + label + "' is '" + positive + "' in every row; nothing to compare with");
        }
        TrainingSet.Builder builder = TrainingSet.builder().outcomes(churned);
        List<String> inputs = new ArrayList<>();
        for (int c = 0; c < table.header().size(); c++) {
            String name = table.header().get(c);
            if (!excluded.contains(name)) {
                builder.inferred(name, table.column(c));
                inputs.add(name);
            }
        }
        if (inputs.isEmpty()) {
            throw new InputException(csv + ": no input columns left after the label, id and dropped columns");
        }
        if (id != null) {
            builder.ids(table.column(table.indexOf(id)));
        }
        TrainingSet all;
        try {
            all = builder.build();
        } catch (ValidationException e) {
            throw new InputException(csv + ": " + e.getMessage() + (e.getMessage().contains("constant") ? "; leave it out with --drop" : ""));
        }
        long numeric = all.columns().stream().filter(c -> c.kind() == TrainingSet.Kind.NUMERIC).count();
        o.printf(Locale.ROOT, "read %s: %d rows, %d inputs (%d numeric, %d categorical); %s = %s in %d rows (%.1f%%)%n", csv, n,
                inputs.size(), numeric, inputs.size() - numeric, label, positive, positives, 100.0 * positives / n);

        Splits.Split split = split(table, churned);
        TrainingSet train = all.subset(split.train());
        TrainingSet test = all.subset(split.test());
        if (test.churnedCount() == 0 || test.churnedCount() == test.size()) {
            throw new InputException(csv + ": the test rows have " + (test.churnedCount() == 0 ? "no churned" : "only churned")
                    + " rows; choose other rows");
        }
        if (train.churnedCount() == 0 || train.churnedCount() == train.size()) {
            throw new InputException(csv + ": the training rows have " + (train.churnedCount() == 0 ? "no churned" : "only churned")
                    + " rows; choose other rows");
        }
        o.printf(Locale.ROOT, "split: %s: fit on %d rows (%d churned), judge on %d rows (%d churned)%n", splitText(), train.size(),
                train.churnedCount(), test.size(), test.churnedCount());

        long start = System.nanoTime();
        FittedScorecard fitted;
        try {
            fitted = ScorecardFitter.of(fitOptions).fit(train);
        } catch (ValidationException e) {
            throw new InputException(csv + ": " + e.getMessage());
        }
        long fitMillis = (System.nanoTime() - start) / 1_000_000;
        List<FittedScorecard.FittedInput> used = fitted.inputs().stream().filter(FittedScorecard.FittedInput::used)
                .sorted(Comparator.comparingDouble(FittedScorecard.FittedInput::weight).reversed()).toList();
        o.printf(Locale.ROOT, "fitted %d of %d inputs in %d ms; top: %s%n", used.size(), inputs.size(), fitMillis,
                String.join(", ", used.stream().limit(5).map(i -> String.format(Locale.ROOT, "%s %.0f%%", i.name(), 100 * i.weight())).toList()));

        Evaluation holdoutEval = fitted.evaluate(test, resamples, seed);
        Evaluation naiveEval = fitted.evaluateNaive(test, resamples, seed);
        Path report = reportPath(out);
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, CsJson.create().write(fitted.scorecard()) + "\n", StandardCharsets.UTF_8);
            Files.writeString(report, CalibrationReport.html(csv.getFileName().toString(), splitText(), fitted, holdoutEval, naiveEval),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(out + ": cannot write: " + e.getMessage());
        }
        o.printf("wrote %s and %s%n", out, report);
        o.printf(Locale.ROOT, "holdout: PR AUC %.4f, Brier %.4f, riskiest-decile lift %.2f; churn by band: %s%n", holdoutEval.prAuc(),
                holdoutEval.brier().orElse(Double.NaN), holdoutEval.topDecileLift(),
                String.join(", ", holdoutEval.bands().stream().map(b -> String.format(Locale.ROOT, "%s %.1f%% of %d", b.label(),
                        100 * b.rate(), b.rows())).toList()));
        o.println(holdoutEval.verdict());
        o.printf(Locale.ROOT, "holdout AUC=%.4f [%.4f, %.4f] naive AUC=%.4f rows=%d%n", holdoutEval.auc(), holdoutEval.aucLow(),
                holdoutEval.aucHigh(), naiveEval.auc(), test.size());
        o.flush();
        result = new Result(fitted, holdoutEval, naiveEval, report);
        return 0;
    }

    private FitOptions fitOptions() {
        FitOptions.Builder options = FitOptions.builder().id(org.cskit.model.ScorecardId.of(scorecardId()));
        switch (fitter) {
            case "linear":
                if (interactions != null || !monotone.isEmpty()) {
                    throw new InputException("--interactions and --monotone apply to --fitter additive only");
                }
                return options.build();
            case "additive":
                options.method(FitOptions.Method.ADDITIVE);
                break;
            default:
                throw new InputException("--fitter must be linear or additive, but was '" + fitter + "'");
        }
        if (interactions != null) {
            options.interactions(interactions);
        }
        for (String m : monotone) {
            String[] parts = m.trim().split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || !(parts[1].equals("higher") || parts[1].equals("lower"))) {
                throw new InputException("--monotone must look like COLUMN:higher or COLUMN:lower, but was '" + m + "'");
            }
            options.putMonotone(parts[0].trim(), parts[1].equals("higher") ? MetricDirection.HIGHER_IS_BETTER : MetricDirection.LOWER_IS_BETTER);
        }
        try {
            return options.build();
        } catch (ValidationException e) {
            throw new InputException("--interactions: " + e.getMessage());
        }
    }

    private String scorecardId() {
        String name = csv.getFileName().toString().replaceAll("\\.[^.]*$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        name = name.replaceAll("^-+|-+$", "");
        return (name.isEmpty() ? "fitted" : name) + "-fitted";
    }

    private String splitText() {
        if (trainRows != null) {
            return "rows " + trainRows + " -> rows " + testRows;
        }
        return String.format(Locale.ROOT, "stratified holdout %.0f%% (seed %d)", 100 * holdoutShare(), seed);
    }

    private double holdoutShare() {
        return holdout == null ? 0.2 : holdout;
    }

    private Splits.Split split(CsvTable table, boolean[] churned) {
        int n = churned.length;
        if (trainRows != null || testRows != null) {
            if (holdout != null) {
                throw new InputException("give either --holdout or --train-rows/--test-rows, not both");
            }
            if (trainRows == null || testRows == null) {
                throw new InputException("--train-rows and --test-rows go together");
            }
            int[] a = range("--train-rows", trainRows);
            int[] b = range("--test-rows", testRows);
            try {
                return Splits.ranges(n, a[0], a[1], b[0], b[1]);
            } catch (ValidationException e) {
                throw new InputException(csv + ": " + e.getMessage() + " (the file has " + n + " data rows)");
            }
        }
        try {
            return Splits.holdout(churned, holdoutShare(), seed);
        } catch (ValidationException e) {
            throw new InputException("--holdout: " + e.getMessage());
        }
    }

    private static int[] range(String option, String text) {
        Matcher m = RANGE.matcher(text.trim());
        if (!m.matches()) {
            throw new InputException(option + " must look like 1-3333, but was '" + text + "'");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    static Path reportPath(Path out) {
        String name = out.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return out.resolveSibling(base + ".html");
    }
}
