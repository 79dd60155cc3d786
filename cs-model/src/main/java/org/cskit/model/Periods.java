package org.cskit.model;

import java.time.Period;

/** Checks on calendar periods such as a meeting cadence. */
final class Periods {
    private Periods() {}

    static void requirePositive(String field, Period period) {
        if (period.isNegative() || period.isZero()) {
            throw Validate.invalid(field, field + " must be a positive period such as P14D or P1M, but was " + period);
        }
    }
}
