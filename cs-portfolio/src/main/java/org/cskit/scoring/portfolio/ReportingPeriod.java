package org.cskit.scoring.portfolio;

import java.time.LocalDate;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * The days a portfolio measure covers, both inclusive, such as {@code [2026-01-01, 2026-12-31]} for
 * a calendar year. Immutable and thread-safe.
 *
 * @param start the first day (UTC)
 * @param end the last day (UTC), not before {@code start}
 */
public record ReportingPeriod(LocalDate start, LocalDate end) {

    /**
     * Checks the period.
     *
     * @throws ValidationException if a day is null or {@code end} is before {@code start}
     */
    public ReportingPeriod {
        Validate.present("start", start);
        Validate.present("end", end);
        if (end.isBefore(start)) {
            throw Validate.invalid("end", "end " + end + " must not be before start " + start);
        }
    }

    /**
     * Returns a period.
     *
     * @param start the first day
     * @param end the last day, not before {@code start}
     * @return the period
     * @throws ValidationException if a day is null or {@code end} is before {@code start}
     */
    public static ReportingPeriod of(LocalDate start, LocalDate end) {
        return new ReportingPeriod(start, end);
    }

    /**
     * Tells whether a day falls in the period.
     *
     * @param day the day
     * @return true from {@code start} to {@code end}, both included
     */
    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + "]";
    }
}
