package io.storepulse.service.json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The contract's JSON conventions: UTC instants always with milliseconds, money rounded to cents. */
public final class ContractJson {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ContractJson() {
    }

    public static String time(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }

    public static String time(long epochMillis) {
        return MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    public static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
