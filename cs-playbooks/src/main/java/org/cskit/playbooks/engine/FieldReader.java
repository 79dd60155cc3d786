package org.cskit.playbooks.engine;

import org.cskit.model.columns.AccountBatch;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Validate;
import org.cskit.playbooks.Fields;

/** Reads one field (a built-in or a feature) from an evaluation, resolved once at compile time. */
final class FieldReader {
    private enum Kind { FEATURE, SCORE, VELOCITY, COVERAGE, PREVIOUS_SCORE, BAND, DIRECTION, PREVIOUS_BAND, SEGMENT, STAGE, ACCOUNT_ID }

    final String name;
    private final Kind kind;
    private final int index;

    private FieldReader(String name, Kind kind, int index) {
        this.name = name;
        this.kind = kind;
        this.index = index;
    }

    /**
     * Resolves a field name.
     *
     * @param path where the name appears, for the error
     */
    static FieldReader of(String name, FeatureSchema schema, String path) {
        switch (name) {
            case Fields.SCORE: return new FieldReader(name, Kind.SCORE, -1);
            case Fields.VELOCITY: return new FieldReader(name, Kind.VELOCITY, -1);
            case Fields.COVERAGE: return new FieldReader(name, Kind.COVERAGE, -1);
            case Fields.PREVIOUS_SCORE: return new FieldReader(name, Kind.PREVIOUS_SCORE, -1);
            case Fields.BAND: return new FieldReader(name, Kind.BAND, -1);
            case Fields.DIRECTION: return new FieldReader(name, Kind.DIRECTION, -1);
            case Fields.PREVIOUS_BAND: return new FieldReader(name, Kind.PREVIOUS_BAND, -1);
            case Fields.SEGMENT: return new FieldReader(name, Kind.SEGMENT, -1);
            case Fields.STAGE: return new FieldReader(name, Kind.STAGE, -1);
            case Fields.ACCOUNT_ID: return new FieldReader(name, Kind.ACCOUNT_ID, -1);
            default:
                int i = schema.indexOf(name);
                if (i < 0) {
                    throw Validate.invalid(path, "unknown feature '" + name + "'; known features: " + String.join(", ", schema.names())
                            + "; built-in fields: " + String.join(", ", Fields.NUMERIC) + ", " + String.join(", ", Fields.TEXT));
                }
                return new FieldReader(name, Kind.FEATURE, i);
        }
    }

    /** The feature's index in the schema, or -1 for a built-in field. */
    int featureIndex() {
        return kind == Kind.FEATURE ? index : -1;
    }

    boolean isText() {
        return kind == Kind.BAND || kind == Kind.DIRECTION || kind == Kind.PREVIOUS_BAND || kind == Kind.SEGMENT
                || kind == Kind.STAGE || kind == Kind.ACCOUNT_ID;
    }

    /** The numeric value of a row, or NaN when absent (a missing feature, no vector, a text field). */
    double number(AccountBatch c, int row) {
        switch (kind) {
            case FEATURE: return c.feature(index, row);
            case SCORE: return c.score(row);
            case VELOCITY: return c.velocity(row);
            case COVERAGE: return c.coverage(row);
            case PREVIOUS_SCORE: return c.previousScore(row);
            default: return Double.NaN;
        }
    }

    /** The text value of a row, or null when absent (or a numeric field). */
    String text(AccountBatch c, int row) {
        switch (kind) {
            case BAND: return c.band(row);
            case DIRECTION: return c.direction(row);
            case PREVIOUS_BAND: return c.previousBand(row);
            case SEGMENT: return c.segment(row).name();
            case STAGE: return c.stage(row).name();
            case ACCOUNT_ID: return c.accountId(row).value();
            default: return null;
        }
    }

    /** The value as text for templates and explanations: numbers to two decimals, without a needless fraction; "missing" when absent. */
    String display(AccountBatch c, int row) {
        if (isText()) {
            String t = text(c, row);
            return t == null ? "missing" : t;
        }
        double v = number(c, row);
        return Double.isNaN(v) ? "missing" : twoDecimals(v);
    }

    /**
     * {@code Validate.format(Math.round(v * 100) / 100.0)}, without {@code Double.toString} for the
     * usual magnitudes (it was a tenth of the time spent making a play): whole numbers without a
     * fraction, otherwise up to two decimals without trailing zeros.
     */
    static String twoDecimals(double v) {
        if (Math.abs(v) >= 1e7) {
            // Past the fast path (and before v * 100 could overflow a long): exact decimal digits.
            return Validate.format(new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue());
        }
        long cents = Math.round(v * 100);
        long abs = Math.abs(cents);
        long whole = abs / 100;
        int fraction = (int) (abs % 100);
        if (fraction == 0) {
            return Long.toString(cents / 100);
        }
        StringBuilder sb = new StringBuilder(16);
        if (cents < 0) {
            sb.append('-');
        }
        sb.append(whole).append('.').append((char) ('0' + fraction / 10));
        if (fraction % 10 != 0) {
            sb.append((char) ('0' + fraction % 10));
        }
        return sb.toString();
    }
}
