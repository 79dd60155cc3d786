package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/** Division for the portfolio ratios: DECIMAL64, empty over a zero denominator. */
final class Ratios {
    static final MathContext CONTEXT = MathContext.DECIMAL64;

    private Ratios() {}

    static Optional<BigDecimal> of(BigDecimal numerator, BigDecimal denominator) {
        return denominator.signum() == 0 ? Optional.empty() : Optional.of(numerator.divide(denominator, CONTEXT));
    }

    static Optional<BigDecimal> of(long numerator, long denominator) {
        return of(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }
}
