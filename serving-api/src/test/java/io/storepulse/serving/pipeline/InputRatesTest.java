package io.storepulse.serving.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InputRatesTest {

    private static Map<String, Long> ends(long clicks, long purchases, long inventory) {
        return Map.of("click-events", clicks, "purchase-events", purchases, "inventory-events", inventory);
    }

    private static InputRates fourReadings() {
        InputRates rates = new InputRates(60_000);
        rates.add(0, ends(100, 10, 0));
        rates.add(1_000, ends(150, 10, 5));
        rates.add(2_000, ends(250, 20, 5));
        rates.add(3_000, ends(300, 20, 5));
        return rates;
    }

    @Test
    void theRateIsTheOffsetsGainedOverTheSpanEndingAtTheNewestReading() {
        InputRates.Rate rate = fourReadings().over(2_000).orElseThrow();
        // from the reading at 1 s to the one at 3 s: 150 clicks, 10 purchases, 0 inventory events in 2 s
        assertThat(rate.fromMillis()).isEqualTo(1_000);
        assertThat(rate.atMillis()).isEqualTo(3_000);
        assertThat(rate.perSecond()).isEqualTo(80.0);
        assertThat(rate.perTopic()).containsEntry("click-events", 75.0).containsEntry("purchase-events", 5.0)
                .containsEntry("inventory-events", 0.0);
    }

    @Test
    void aSpanLongerThanTheReadingsUsesTheOldestOne() {
        InputRates.Rate rate = fourReadings().over(10_000).orElseThrow();
        assertThat(rate.fromMillis()).isZero();
        assertThat(rate.perSecond()).isCloseTo(215 / 3.0, within(1e-9));
    }

    @Test
    void theHistoryHasTheRateOfEveryPeriodOldestFirst() {
        assertThat(fourReadings().history()).extracting(InputRates.Rate::perSecond).containsExactly(55.0, 110.0, 50.0);
    }

    @Test
    void readingsOlderThanTheHistoryAreDropped() {
        InputRates rates = new InputRates(2_000);
        for (int second = 0; second <= 5; second++) {
            rates.add(second * 1_000L, ends(second * 10L, 0, 0));
        }
        assertThat(rates.history()).extracting(InputRates.Rate::fromMillis).containsExactly(3_000L, 4_000L);
        assertThat(rates.over(60_000).orElseThrow().perSecond()).isEqualTo(10.0);
    }

    @Test
    void anOffsetGoingBackOrTheClockGoingBackStartsAfreshInsteadOfANegativeRate() {
        InputRates rates = fourReadings();
        rates.add(4_000, ends(5, 20, 5));              // click-events deleted and created again
        assertThat(rates.over(1_000)).isEmpty();
        assertThat(rates.history()).isEmpty();
        rates.add(5_000, ends(25, 20, 5));
        assertThat(rates.over(1_000).orElseThrow().perSecond()).isEqualTo(20.0);
        rates.add(4_500, ends(30, 20, 5));
        assertThat(rates.over(1_000)).isEmpty();
    }

    @Test
    void oneReadingGivesNoRate() {
        InputRates rates = new InputRates(60_000);
        assertThat(rates.newestAt()).isEmpty();
        rates.add(7, ends(1, 1, 1));
        assertThat(rates.newestAt()).contains(7L);
        assertThat(rates.over(1_000)).isEmpty();
    }
}
