package org.cskit.model.columns;

import org.cskit.model.Validate;

/** Checks shared by the column types. */
final class Columns {
    private Columns() {}

    static void length(String name, int length, int rows) {
        if (length != rows) {
            throw Validate.invalid(name, "column '" + name + "' has " + length + " values for " + rows + " rows");
        }
    }

    static void codes(String name, byte[] codes, int min, int limit) {
        for (int r = 0; r < codes.length; r++) {
            if (codes[r] < min || codes[r] >= limit) {
                throw Validate.invalid(name + "[" + r + "]", name + " code " + codes[r] + " in row " + r + " is outside "
                        + min + ".." + (limit - 1));
            }
        }
    }
}
