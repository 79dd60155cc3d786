package org.cskit.cli.calibrate;

import static org.cskit.cli.report.Html.esc;
import static org.cskit.cli.report.Html.fmt;

import java.util.Comparator;
import java.util.List;
import org.cskit.scoring.calibration.Evaluation;
import org.cskit.scoring.calibration.FittedScorecard;

/**
 * The HTML report of a calibration: verdict, metrics, ROC curve, risk by band, top inputs with the
 * shape of each (the log-odds of churn each bin adds), and for an additive fit a heat map of each
 * interaction table. Charts are inline SVG; no network needed.
 */
final class CalibrationReport {
    private CalibrationReport() {}

    static String html(String dataName, String split, FittedScorecard fitted, Evaluation holdout, Evaluation naive) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Calibration: ").append(esc(dataName))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                        + "th{background:#f4f4f4}td.l,th.l{text-align:left}.verdict{padding:.8em;border-radius:4px}"
                        + ".lift{background:#e7f6e7}.nolift{background:#fde8e8}</style></head><body>\n");
        h.append("<h1>Calibration of a scorecard on ").append(esc(dataName)).append("</h1>\n");
        h.append("<p>Fitted on ").append(fitted.trainingRows()).append(" rows (").append(fitted.trainingChurned())
                .append(" churned); judged on ").append(holdout.rows()).append(" rows the fit never saw (").append(holdout.churned())
                .append(" churned). Split: ").append(esc(split)).append(".</p>\n");
        h.append("<p class=\"verdict ").append(holdout.hasLift() ? "lift" : "nolift").append("\">").append(esc(holdout.verdict()))
                .append("</p>\n");
        h.append("<h2>Ranking quality on the held-out rows</h2>\n<table><tr><th class=\"l\">score</th><th>ROC AUC</th><th>95% interval</th>"
                + "<th>PR AUC</th><th>Brier</th><th>riskiest-decile lift</th></tr>\n");
        row(h, "fitted scorecard", holdout);
        row(h, "naive (equal weights)", naive);
        h.append("</table>\n<p>ROC AUC: the chance that a churned account scores riskier than a renewed one (0.5 = chance); interval from ")
                .append(holdout.resamples()).append(" bootstrap resamples. PR AUC of a score with no skill is the churn rate, ")
                .append(fmt(100.0 * holdout.churned() / holdout.rows(), 1)).append("%.</p>\n");
        h.append("<h2>ROC curve</h2>\n").append(rocSvg(holdout, naive));
        h.append("<h2>Risk by band</h2>\n").append(bandSvg(holdout));
        h.append("<table><tr><th class=\"l\">band</th><th>accounts</th><th>churned</th><th>churn rate</th></tr>\n");
        for (Evaluation.BandRate b : holdout.bands()) {
            h.append("<tr><td class=\"l\">").append(esc(b.label())).append("</td><td>").append(b.rows()).append("</td><td>")
                    .append(b.churned()).append("</td><td>").append(b.rows() == 0 ? "-" : fmt(100 * b.rate(), 1) + "%").append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Top contributing inputs</h2>\n<p>Weight: the input's share of the score. Bins: the values, the training "
                + "rows in them, their churn rate and the goodness (0 = riskiest, 1 = safest) the scorecard gives them.</p>\n");
        h.append("<table><tr><th class=\"l\">input</th><th>weight</th><th>information value</th><th class=\"l\">bins</th></tr>\n");
        List<FittedScorecard.FittedInput> inputs = fitted.inputs().stream().filter(FittedScorecard.FittedInput::used)
                .sorted(Comparator.comparingDouble(FittedScorecard.FittedInput::weight).reversed()).limit(10).toList();
        for (FittedScorecard.FittedInput in : inputs) {
            h.append("<tr><td class=\"l\">").append(esc(in.name())).append("</td><td>").append(fmt(100 * in.weight(), 1))
                    .append("%</td><td>").append(fmt(in.informationValue(), 3)).append("</td><td class=\"l\">");
            for (FittedScorecard.Bin b : in.bins()) {
                h.append(esc(b.label())).append(": ").append(b.rows()).append(" rows, ")
                        .append(fmt(100.0 * b.churned() / Math.max(1, b.rows()), 1)).append("% churn, goodness ")
                        .append(fmt(b.goodness(), 2)).append("<br>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<h2>Shapes of the top inputs</h2>\n<p>How much each bin adds to the log-odds of churn (above the line: riskier, "
                + "below: safer); the scorecard's points are these, rescaled so that the score stays in [0, 100].</p>\n");
        for (FittedScorecard.FittedInput in : inputs) {
            h.append(shapeSvg(in));
        }
        if (!fitted.interactions().isEmpty()) {
            h.append("<h2>Interactions</h2>\n<p>Each table adds log-odds of churn for a pair of values, beyond what the two inputs add "
                    + "alone (red: riskier, blue: safer; a row with either value missing adds nothing).</p>\n");
            for (FittedScorecard.Interaction i : fitted.interactions()) {
                h.append(heatMapSvg(i));
            }
        }
        List<FittedScorecard.FittedInput> left = fitted.inputs().stream().filter(i -> !i.used()).toList();
        if (!left.isEmpty()) {
            h.append("<h2>Inputs left out</h2>\n<ul>\n");
            for (FittedScorecard.FittedInput in : left) {
                h.append("<li>").append(esc(in.name())).append(": ").append(esc(in.leftOutBecause())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<p>The scorecard is ordinary JSON (").append(esc(fitted.scorecard().id().toString()))
                .append(fitted.method() == org.cskit.scoring.calibration.FitOptions.Method.LINEAR
                        ? "): each input is a tier table over its bins and a weight. "
                        : "): each input is a table of points over its bins (its shape), each interaction a two-way table, and a weight. ")
                .append(esc(fitted.scorecard().description().orElse(""))).append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static String shapeSvg(FittedScorecard.FittedInput in) {
        List<FittedScorecard.Bin> bins = in.bins();
        int bar = Math.max(6, Math.min(40, 600 / Math.max(1, bins.size())));
        int height = 140;
        int pad = 30;
        int width = bins.size() * (bar + 4) + 2 * pad;
        double max = 1e-9;
        for (FittedScorecard.Bin b : bins) {
            max = Math.max(max, Math.abs(in.coefficient() * b.woe()));
        }
        int zero = pad + height / 2;
        StringBuilder s = new StringBuilder();
        s.append("<figure><figcaption>").append(esc(in.name())).append(" (").append(fmt(100 * in.weight(), 1))
                .append("% of the score)</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height + 2 * pad).append("\" role=\"img\" aria-label=\"shape of ").append(esc(in.name()))
                .append("\">\n");
        s.append("<line x1=\"").append(pad).append("\" y1=\"").append(zero).append("\" x2=\"").append(width - pad).append("\" y2=\"")
                .append(zero).append("\" stroke=\"#999\"/>\n");
        for (int i = 0; i < bins.size(); i++) {
            FittedScorecard.Bin b = bins.get(i);
            double v = in.coefficient() * b.woe();
            int h = (int) Math.round(Math.abs(v) / max * (height / 2.0));
            int x = pad + i * (bar + 4);
            s.append("<rect x=\"").append(x).append("\" y=\"").append(v > 0 ? zero - h : zero).append("\" width=\"").append(bar)
                    .append("\" height=\"").append(h).append("\" fill=\"").append(v > 0 ? "#d55e00" : "#0072b2").append("\"><title>")
                    .append(esc(b.label())).append(": ").append(fmt(v, 3)).append(" log-odds, ").append(b.rows()).append(" rows</title></rect>\n");
        }
        s.append("<text x=\"").append(pad).append("\" y=\"").append(pad - 8).append("\" font-size=\"11\">+").append(fmt(max, 2))
                .append(" log-odds</text>\n<text x=\"").append(pad).append("\" y=\"").append(height + 2 * pad - 8)
                .append("\" font-size=\"11\">").append(esc(bins.get(0).label())).append(" ... ").append(esc(bins.get(bins.size() - 1).label()))
                .append("</text>\n</svg></figure>\n");
        return s.toString();
    }

    private static String heatMapSvg(FittedScorecard.Interaction in) {
        int cell = 44;
        int left = 150;
        int top = 60;
        int rows = in.rows().size();
        int cols = in.columns().size();
        double max = 1e-9;
        for (double[] r : in.logOdds()) {
            for (double v : r) {
                max = Math.max(max, Math.abs(v));
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("<figure><figcaption>").append(esc(in.name())).append(" (").append(fmt(100 * in.weight(), 1))
                .append("% of the score): rows ").append(esc(in.first())).append(", columns ").append(esc(in.second()))
                .append("</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(left + cols * cell + 10)
                .append("\" height=\"").append(top + rows * cell + 10).append("\" role=\"img\" aria-label=\"heat map of ").append(esc(in.name()))
                .append("\">\n");
        for (int j = 0; j < cols; j++) {
            int x = left + j * cell + cell / 2;
            s.append("<text x=\"").append(x).append("\" y=\"").append(top - 6).append("\" font-size=\"9\" transform=\"rotate(-30 ").append(x)
                    .append(' ').append(top - 6).append(")\">").append(esc(shorten(in.columns().get(j)))).append("</text>\n");
        }
        for (int i = 0; i < rows; i++) {
            int y = top + i * cell;
            s.append("<text x=\"").append(left - 4).append("\" y=\"").append(y + cell / 2 + 4).append("\" font-size=\"9\" text-anchor=\"end\">")
                    .append(esc(shorten(in.rows().get(i)))).append("</text>\n");
            for (int j = 0; j < cols; j++) {
                double v = in.logOdds()[i][j];
                double a = Math.min(1.0, Math.abs(v) / max);
                String colour = v > 0 ? "213,94,0" : "0,114,178";
                s.append("<rect x=\"").append(left + j * cell).append("\" y=\"").append(y).append("\" width=\"").append(cell)
                        .append("\" height=\"").append(cell).append("\" fill=\"rgba(").append(colour).append(',').append(fmt(a, 2))
                        .append(")\" stroke=\"#fff\"/>\n<text x=\"").append(left + j * cell + cell / 2).append("\" y=\"")
                        .append(y + cell / 2 + 4).append("\" font-size=\"9\" text-anchor=\"middle\">").append(fmt(v, 2)).append("</text>\n");
            }
        }
        return s.append("</svg></figure>\n").toString();
    }

    private static String shorten(String label) {
        return label.length() <= 24 ? label : label.substring(0, 23) + "...";
    }

    private static void row(StringBuilder h, String name, Evaluation e) {
        h.append("<tr><td class=\"l\">").append(name).append("</td><td>").append(fmt(e.auc(), 4)).append("</td><td>[")
                .append(fmt(e.aucLow(), 4)).append(", ").append(fmt(e.aucHigh(), 4)).append("]</td><td>").append(fmt(e.prAuc(), 4))
                .append("</td><td>").append(e.brier().isPresent() ? fmt(e.brier().getAsDouble(), 4) : "-").append("</td><td>")
                .append(fmt(e.topDecileLift(), 2)).append("</td></tr>\n");
    }

    private static String rocSvg(Evaluation fitted, Evaluation naive) {
        int size = 320;
        int pad = 40;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(size + 2 * pad).append("\" height=\"").append(size + 2 * pad)
                .append("\" role=\"img\" aria-label=\"ROC curve\">\n");
        s.append("<rect x=\"").append(pad).append("\" y=\"").append(pad).append("\" width=\"").append(size).append("\" height=\"")
                .append(size).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        s.append("<line x1=\"").append(pad).append("\" y1=\"").append(pad + size).append("\" x2=\"").append(pad + size).append("\" y2=\"")
                .append(pad).append("\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>\n");
        s.append(polyline(naive.roc(), size, pad, "#e69f00"));
        s.append(polyline(fitted.roc(), size, pad, "#0072b2"));
        s.append("<text x=\"").append(pad + size / 2).append("\" y=\"").append(size + 2 * pad - 8)
                .append("\" text-anchor=\"middle\" font-size=\"12\">false positive rate (renewed flagged)</text>\n");
        s.append("<text x=\"12\" y=\"").append(pad + size / 2).append("\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
                .append(pad + size / 2).append(")\">true positive rate (churned flagged)</text>\n");
        s.append("<text x=\"").append(pad + size - 150).append("\" y=\"").append(pad + size - 30).append("\" font-size=\"12\" fill=\"#0072b2\">fitted AUC ")
                .append(fmt(fitted.auc(), 3)).append("</text>\n");
        s.append("<text x=\"").append(pad + size - 150).append("\" y=\"").append(pad + size - 14).append("\" font-size=\"12\" fill=\"#e69f00\">naive AUC ")
                .append(fmt(naive.auc(), 3)).append("</text>\n</svg>\n");
        return s.toString();
    }

    private static String polyline(List<Evaluation.RocPoint> points, int size, int pad, String colour) {
        StringBuilder s = new StringBuilder("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"");
        for (Evaluation.RocPoint p : points) {
            s.append(fmt(pad + p.falsePositiveRate() * size, 1)).append(',').append(fmt(pad + size - p.truePositiveRate() * size, 1)).append(' ');
        }
        return s.append("\"/>\n").toString();
    }

    private static String bandSvg(Evaluation e) {
        int barWidth = 80;
        int height = 200;
        int pad = 30;
        List<Evaluation.BandRate> bands = e.bands();
        double max = bands.stream().mapToDouble(b -> b.rows() == 0 ? 0 : b.rate()).max().orElse(1);
        max = Math.max(max, 0.01);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(bands.size() * (barWidth + 20) + 2 * pad).append("\" height=\"")
                .append(height + 2 * pad).append("\" role=\"img\" aria-label=\"churn rate by band\">\n");
        String[] colours = {"#d55e00", "#e6c300", "#009e73", "#56b4e9", "#999999"};
        for (int i = 0; i < bands.size(); i++) {
            Evaluation.BandRate b = bands.get(i);
            double rate = b.rows() == 0 ? 0 : b.rate();
            int h = (int) Math.round(height * rate / max);
            int x = pad + i * (barWidth + 20);
            s.append("<rect x=\"").append(x).append("\" y=\"").append(pad + height - h).append("\" width=\"").append(barWidth)
                    .append("\" height=\"").append(h).append("\" fill=\"").append(colours[Math.min(i, colours.length - 1)]).append("\"/>\n");
            s.append("<text x=\"").append(x + barWidth / 2).append("\" y=\"").append(pad + height - h - 4)
                    .append("\" text-anchor=\"middle\" font-size=\"12\">").append(fmt(100 * rate, 1)).append("%</text>\n");
            s.append("<text x=\"").append(x + barWidth / 2).append("\" y=\"").append(pad + height + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"12\">").append(esc(b.label())).append(" (").append(b.rows()).append(")</text>\n");
        }
        return s.append("</svg>\n").toString();
    }
}
