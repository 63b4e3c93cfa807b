package io.storepulse.traffic;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficGeneratorDeterminismTest {

    private static final int RECORDS = 200_000;

    @Test
    void sameConfigGivesTheSameRecordsByteForByte() {
        TrafficConfig config = TrafficConfig.defaults().withSeed(1234).withFraudRatio(0.01);
        TrafficGenerator first = new TrafficGenerator(config);
        TrafficGenerator second = new TrafficGenerator(config);

        for (int i = 0; i < RECORDS; i++) {
            GeneratedRecord a = first.next();
            GeneratedRecord b = second.next();
            if (!a.topic().equals(b.topic()) || !a.key().equals(b.key()) || a.timestamp() != b.timestamp()
                    || a.origin() != b.origin() || !Arrays.equals(a.value(), b.value())) {
                throw new AssertionError("record " + i + " differs: " + a + " vs " + b);
            }
        }
        assertThat(first.counts()).isEqualTo(second.counts());
    }

    @Test
    void anotherSeedGivesAnotherStream() {
        TrafficGenerator first = new TrafficGenerator(TrafficConfig.defaults().withSeed(1));
        TrafficGenerator second = new TrafficGenerator(TrafficConfig.defaults().withSeed(2));

        int sameValues = 0;
        for (int i = 0; i < 10_000; i++) {
            if (Arrays.equals(first.next().value(), second.next().value())) {
                sameValues++;
            }
        }
        assertThat(sameValues).isZero();
    }

    @Test
    void anotherStartOrRateShiftsEventTimes() {
        TrafficConfig config = TrafficConfig.defaults();
        TrafficGenerator base = new TrafficGenerator(config);
        TrafficGenerator later = new TrafficGenerator(config.withStart(config.start().plusSeconds(3600)));
        TrafficGenerator faster = new TrafficGenerator(config.withRate(1000));

        for (int i = 0; i < 1_000; i++) {
            GeneratedRecord a = base.next();
            GeneratedRecord b = later.next();
            faster.next();
            assertThat(b.timestamp()).isEqualTo(a.timestamp() + 3_600_000);
        }
        assertThat(faster.virtualTimeMillis() - config.start().toEpochMilli())
                .isLessThan(base.virtualTimeMillis() - config.start().toEpochMilli());
    }
}
