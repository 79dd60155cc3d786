package org.cskit.cli.report;

import static org.cskit.cli.report.Html.esc;
import static org.cskit.cli.report.Html.fmt;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Inline SVG charts for the cskit command's HTML reports: no script, no network. */
public final class Svg {
    /** Colours for lines, told apart also by people with colour-blindness (Okabe and Ito). */
    private static final List<String> PALETTE = List.of("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
            "#999933", "#882255", "#44aa99");
    private static final Map<String, String> NAMED = Map.of("red", "#d55e00", "amber", "#e69f00", "orange", "#e69f00", "yellow", "#e6c300",
            "green", "#009e73");
    /** Band colours light enough to need dark text. */
    private static final List<String> LIGHT = List.of("#e69f00", "#e6c300", "#56b4e9");
    private static final List<String> RISK = List.of("#d55e00", "#e69f00", "#e6c300", "#009e73", "#56b4e9", "#0072b2");

    private Svg() {}

    /**
     * One bar of a stacked bar chart.
     *
     * @param label the bar's label
     * @param counts one count per band, in the bands' order
     */
    public record Bar(String label, long[] counts) {
        long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }
    }

    /**
     * One line of a line chart.
     *
     * @param name the legend's text
     * @param values one value per x position; NaN leaves a gap
     */
    public record Line(String name, double[] values) {}

    /**
     * A horizontal band of the value axis, drawn behind the lines.
     *
     * @param label the band's label
     * @param from its lowest value
     * @param to its highest value
     */
    public record Stripe(String label, double from, double to) {}

    /**
     * The colour of a band: the colour it is named after, or by its place from riskiest.
     *
     * @param label the band's label
     * @param index its place, riskiest first
     * @return the colour
     */
    public static String bandColour(String label, int index) {
        return NAMED.getOrDefault(label.toLowerCase(Locale.ROOT), RISK.get(Math.min(index, RISK.size() - 1)));
    }

    /**
     * Horizontal bars, each split into bands by share, with the counts written in.
     *
     * @param title what the chart shows, for screen readers
     * @param bands the bands' labels, riskiest first
     * @param bars the bars, top to bottom
     * @return the SVG element
     */
    public static String stackedBars(String title, List<String> bands, List<Bar> bars) {
        int labelWidth = 170;
        int barWidth = 560;
        int rowHeight = 34;
        int top = 30;
        int height = top + bars.size() * rowHeight + 10;
        StringBuilder s = open(labelWidth + barWidth + 80, height, title);
        int x = labelWidth;
        for (int b = 0; b < bands.size(); b++) {
            s.append("<rect x=\"").append(x).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"").append(bandColour(bands.get(b), b))
                    .append("\"/><text x=\"").append(x + 16).append("\" y=\"16\" font-size=\"12\">").append(esc(bands.get(b))).append("</text>\n");
            x += 24 + 8 * bands.get(b).length() + 20;
        }
        for (int r = 0; r < bars.size(); r++) {
            Bar bar = bars.get(r);
            int y = top + r * rowHeight;
            long total = bar.total();
            s.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 17).append("\" text-anchor=\"end\" font-size=\"12\">")
                    .append(esc(bar.label())).append(" (").append(total).append(")</text>\n");
            double at = labelWidth;
            for (int b = 0; b < bar.counts().length; b++) {
                double w = total == 0 ? 0 : barWidth * (double) bar.counts()[b] / total;
                s.append("<rect x=\"").append(fmt(at, 1)).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w, 1))
                        .append("\" height=\"24\" fill=\"").append(bandColour(bands.get(b), b)).append("\"><title>").append(esc(bands.get(b)))
                        .append(": ").append(bar.counts()[b]).append("</title></rect>\n");
                if (w >= 28) {
                    String colour = bandColour(bands.get(b), b);
                    s.append("<text x=\"").append(fmt(at + w / 2, 1)).append("\" y=\"").append(y + 16)
                            .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"").append(LIGHT.contains(colour) ? "#222" : "#fff")
                            .append("\">").append(bar.counts()[b]).append("</text>\n");
                }
                at += w;
            }
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * Lines over a value axis from 0 to 100, with coloured stripes behind them and a legend.
     *
     * @param title what the chart shows, for screen readers
     * @param xLabels the labels of the x positions
     * @param lines the lines
     * @param stripes the stripes, possibly none
     * @return the SVG element
     */
    public static String lines(String title, List<String> xLabels, List<Line> lines, List<Stripe> stripes) {
        int left = 40;
        int plotWidth = 560;
        int plotHeight = 280;
        int top = 12;
        int legend = 260;
        int height = Math.max(top + plotHeight + 40, top + 18 * lines.size() + 10);
        StringBuilder s = open(left + plotWidth + legend, height, title);
        for (int i = 0; i < stripes.size(); i++) {
            Stripe st = stripes.get(i);
            double y1 = top + plotHeight * (1 - st.to() / 100);
            double y2 = top + plotHeight * (1 - st.from() / 100);
            s.append("<rect x=\"").append(left).append("\" y=\"").append(fmt(y1, 1)).append("\" width=\"").append(plotWidth)
                    .append("\" height=\"").append(fmt(y2 - y1, 1)).append("\" fill=\"").append(bandColour(st.label(), i))
                    .append("\" fill-opacity=\"0.12\"/>\n");
            s.append("<text x=\"").append(left + plotWidth - 4).append("\" y=\"").append(fmt(y2 - 4, 1))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#666\">").append(esc(st.label())).append("</text>\n");
        }
        for (int v = 0; v <= 100; v += 20) {
            double y = top + plotHeight * (1 - v / 100.0);
            s.append("<line x1=\"").append(left).append("\" y1=\"").append(fmt(y, 1)).append("\" x2=\"").append(left + plotWidth)
                    .append("\" y2=\"").append(fmt(y, 1)).append("\" stroke=\"#ddd\"/><text x=\"").append(left - 6).append("\" y=\"")
                    .append(fmt(y + 4, 1)).append("\" text-anchor=\"end\" font-size=\"11\">").append(v).append("</text>\n");
        }
        int n = xLabels.size();
        for (int i = 0; i < n; i++) {
            s.append("<text x=\"").append(fmt(xAt(i, n, left, plotWidth), 1)).append("\" y=\"").append(top + plotHeight + 18)
                    .append("\" text-anchor=\"middle\" font-size=\"11\">").append(esc(xLabels.get(i))).append("</text>\n");
        }
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            String colour = PALETTE.get(l % PALETTE.size());
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double v = line.values()[i];
                if (Double.isNaN(v)) {
                    s.append(polyline(points, colour));
                    points.setLength(0);
                    continue;
                }
                String px = fmt(xAt(i, n, left, plotWidth), 1);
                String py = fmt(top + plotHeight * (1 - v / 100), 1);
                points.append(px).append(',').append(py).append(' ');
                s.append("<circle cx=\"").append(px).append("\" cy=\"").append(py).append("\" r=\"3\" fill=\"").append(colour)
                        .append("\"><title>").append(esc(line.name())).append(", ").append(esc(xLabels.get(i))).append(": ")
                        .append(fmt(v, 1)).append("</title></circle>\n");
            }
            s.append(polyline(points, colour));
            int ly = top + 10 + 18 * l;
            s.append("<line x1=\"").append(left + plotWidth + 16).append("\" y1=\"").append(ly - 4).append("\" x2=\"")
                    .append(left + plotWidth + 36).append("\" y2=\"").append(ly - 4).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/><text x=\"").append(left + plotWidth + 42).append("\" y=\"").append(ly)
                    .append("\" font-size=\"12\">").append(esc(line.name())).append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }

    private static double xAt(int i, int n, int left, int width) {
        return n == 1 ? left + width / 2.0 : left + 20 + (width - 40) * i / (double) (n - 1);
    }

    private static String polyline(StringBuilder points, String colour) {
        if (points.length() == 0) {
            return "";
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"" + points.toString().trim() + "\"/>\n";
    }

    private static StringBuilder open(int width, int height, String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"" + esc(title) + "\">\n");
    }
}
