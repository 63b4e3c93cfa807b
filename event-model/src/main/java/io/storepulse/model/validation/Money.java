package io.storepulse.model.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is a decimal(12,2): at most ten integer digits and exactly two fraction digits. */
public final class Money {

    public static final int PRECISION = 12;
    public static final int SCALE = 2;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /** True when the value fits decimal(12,2) without rounding. */
    public static boolean fits(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = Math.max(stripped.scale(), 0);
        if (scale > SCALE) {
            return false;
        }
        return stripped.precision() - stripped.scale() <= PRECISION - SCALE;
    }

    /** The value at scale 2; throws when rounding would be needed. */
    public static BigDecimal exact(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** The value rounded half-up to cents (for derived numbers such as averages). */
    public static BigDecimal cents(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** The amount in whole cents; throws when it has fractions of a cent or does not fit a long. */
    public static long toCents(BigDecimal amount) {
        return amount.movePointRight(SCALE).longValueExact();
    }

    public static BigDecimal ofCents(long cents) {
        return BigDecimal.valueOf(cents, SCALE);
    }
}
