package io.storepulse.processor.features;

import io.storepulse.avro.UserFeatures;
import io.storepulse.model.codec.Codecs;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT section 8 features, as of T = the newest event time, over inclusive ranges [T - span, T]. */
class UserFeatureStateTest {

    private static final FeatureWindows WINDOWS = FeatureWindows.DEFAULTS;
    private final UserFeatureState state = new UserFeatureState();

    @Test
    void theEncodedFeaturesAreTheFeaturesRecordAsAvroEncodesIt() {
        Random random = new Random(3);
        String[] devices = {"DESKTOP", "MOBILE", "TABLET"};
        String[] countries = {"US", "FR", "DE", "BR"};
        long time = at("08:00:00.000");
        for (int i = 0; i < 3000; i++) {
            time += random.nextInt(120_000);
            if (random.nextInt(10) == 0) {
                state.addPurchase(time, 1 + random.nextInt(500_000), devices[random.nextInt(3)],
                        countries[random.nextInt(4)], WINDOWS);
            } else {
                state.addClick(time, random.nextInt(8) == 0, devices[random.nextInt(3)], countries[random.nextInt(4)],
                        WINDOWS);
            }
            long updatedAt = time + random.nextInt(1000);

            assertThat(state.featureBytes("u-" + i, updatedAt, WINDOWS)).as("after event %d", i)
                    .isEqualTo(Codecs.FEATURES.encode(state.features("u-" + i, updatedAt, WINDOWS)));
        }
    }

    @Test
    void theAverageOrderValueRoundsHalfUpAsBigDecimalDoes() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            long spend = random.nextLong() % 1_000_000_000_000L;
            long purchases = 1 + random.nextInt(i % 2 == 0 ? 8 : 1_000);
            long expected = BigDecimal.valueOf(spend, 2).divide(BigDecimal.valueOf(purchases), 2, RoundingMode.HALF_UP)
                    .unscaledValue().longValueExact();

            assertThat(UserFeatureState.divideHalfUp(spend, purchases)).as("%d / %d", spend, purchases)
                    .isEqualTo(expected);
        }
    }

    @Test
    void featuresCountInclusiveRangesEndingAtTheNewestEvent() {
        state.addClick(at("09:00:00.000"), false, "DESKTOP", "US", WINDOWS);
        state.addClick(at("09:30:00.000"), true, "MOBILE", "US", WINDOWS);
        state.addPurchase(at("09:50:00.000"), 3_998, "MOBILE", "US", WINDOWS);
        state.addClick(at("09:55:00.000"), false, "MOBILE", "FR", WINDOWS);
        state.addPurchase(at("10:00:00.000"), 1_000, "TABLET", "FR", WINDOWS);

        // T = 10:00:00.000: the 09:00:00.000 click is exactly an hour old and still counts; 09:55 is exactly 5 min.
        assertFeatures(1, 3, 1, 2, "49.98", "24.99", 3, 2, "10:00:00.000");

        state.addClick(at("10:00:00.001"), false, "DESKTOP", "FR", WINDOWS);
        // T moves 1 ms: the 09:00 click and the 09:55 click fall out of their ranges.
        assertFeatures(1, 3, 1, 2, "49.98", "24.99", 3, 2, "10:00:00.001");

        state.addClick(at("09:58:00.000"), false, "TABLET", "DE", WINDOWS);
        // A late click inside the ranges counts; T does not move back.
        assertFeatures(2, 4, 1, 2, "49.98", "24.99", 3, 3, "10:00:00.001");

        state.addPurchase(at("11:00:00.000"), 501, "DESKTOP", "US", WINDOWS);
        // T = 11:00: clicks of the last hour are only the 10:00:00.001 one; 54.99 / 3 = 18.33.
        assertFeatures(0, 1, 0, 3, "54.99", "18.33", 3, 2, "11:00:00.000");
    }

    @Test
    void noPurchasesMeansZeroAverage() {
        state.addClick(at("10:00:00.000"), true, "MOBILE", "JP", WINDOWS);

        assertFeatures(1, 1, 1, 0, "0.00", "0.00", 1, 1, "10:00:00.000");
    }

    @Test
    void aDayLaterOnlyTheNewestDayCounts() {
        state.addPurchase(at("10:00:00.000"), 10_000, "MOBILE", "US", WINDOWS);
        state.addPurchase(at("12:00:00.000"), 20_000, "TABLET", "US", WINDOWS);
        state.addPurchase(Instant.parse("2026-11-22T10:00:00.000Z").toEpochMilli(), 30_000, "MOBILE", "US", WINDOWS);

        UserFeatures features = state.features("u-1", 0, WINDOWS);
        assertThat(features.getPurchases24h()).as("10:00 the day before is exactly 24 h old").isEqualTo(3);
        state.addClick(Instant.parse("2026-11-22T10:00:00.001Z").toEpochMilli(), false, "MOBILE", "US", WINDOWS);
        features = state.features("u-1", 0, WINDOWS);
        assertThat(features.getPurchases24h()).isEqualTo(2);
        assertThat(features.getSpend24h()).isEqualByComparingTo("500.00");
        assertThat(features.getAvgOrderValue24h()).isEqualByComparingTo("250.00");
        assertThat(features.getDistinctDevices24h()).isEqualTo(2);
    }

    private void assertFeatures(int clicks5m, int clicks1h, int carts1h, int purchases, String spend, String average,
                                int devices, int countries, String last) {
        UserFeatures features = state.features("u-1", 42, WINDOWS);
        assertThat(features.getUserId()).isEqualTo("u-1");
        assertThat(features.getClicks5m()).as("clicks_5m").isEqualTo(clicks5m);
        assertThat(features.getClicks1h()).as("clicks_1h").isEqualTo(clicks1h);
        assertThat(features.getAddToCarts1h()).as("add_to_carts_1h").isEqualTo(carts1h);
        assertThat(features.getPurchases24h()).as("purchases_24h").isEqualTo(purchases);
        assertThat(features.getSpend24h()).as("spend_24h").isEqualByComparingTo(spend);
        assertThat(features.getSpend24h().scale()).isEqualTo(2);
        assertThat(features.getAvgOrderValue24h()).as("avg_order_value_24h").isEqualByComparingTo(average);
        assertThat(features.getDistinctDevices24h()).as("distinct_devices_24h").isEqualTo(devices);
        assertThat(features.getDistinctCountries1h()).as("distinct_countries_1h").isEqualTo(countries);
        assertThat(features.getLastEventTime()).isEqualTo(Instant.parse("2026-11-21T" + last + "Z"));
        assertThat(features.getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(42));
    }

    private static long at(String time) {
        return Instant.parse("2026-11-21T" + time + "Z").toEpochMilli();
    }
}
