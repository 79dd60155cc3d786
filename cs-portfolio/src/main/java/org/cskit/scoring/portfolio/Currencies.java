package org.cskit.scoring.portfolio;

import java.util.Currency;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/** The one rule every combine of amounts follows: one currency, never converted. */
final class Currencies {
    private Currencies() {}

    /**
     * Refuses to combine measures in two currencies.
     *
     * @param what what is combined, in the plural, such as {@code books}
     * @throws ValidationException naming both currencies if they differ
     */
    static void requireSame(String what, Currency mine, Currency other) {
        if (!other.equals(mine)) {
            throw Validate.invalid("currency", "cannot combine " + what + " in " + mine.getCurrencyCode() + " with " + what + " in "
                    + other.getCurrencyCode() + ": cskit never converts");
        }
    }
}
