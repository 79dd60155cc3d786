package org.cskit.cli.report;

import java.util.Locale;

/** Small helpers for the cskit command's HTML reports: escaping and number formats. */
public final class Html {
    /** The page style shared by the reports: readable width, plain tables, no external resources. */
    public static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;vertical-align:top}"
            + "th{background:#f4f4f4}td.l,th.l{text-align:left}";

    private Html() {}

    /**
     * Escapes text for HTML and SVG, in element content and in quoted attributes.
     *
     * @param s the text
     * @return the escaped text
     */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /**
     * A number with a fixed number of decimals, with a point whatever the locale.
     *
     * @param v the number
     * @param decimals how many decimals
     * @return the text
     */
    public static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
