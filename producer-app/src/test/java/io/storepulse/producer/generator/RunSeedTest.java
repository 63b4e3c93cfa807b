package io.storepulse.producer.generator;

import io.storepulse.traffic.GeneratedRecord;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RunSeedTest {

    private static final Instant START = Instant.parse("2026-11-21T10:00:00.000Z");

    @Test
    void theSameSeedAndStartGiveTheSameRun() {
        assertThat(GeneratorService.runSeed(42, START)).isEqualTo(GeneratorService.runSeed(42, START));
    }

    @Test
    void runsStartedAtDifferentInstantsNeverShareAnEventId() {
        Set<String> first = eventIds(GeneratorService.runSeed(42, START));
        Set<String> second = eventIds(GeneratorService.runSeed(42, START.plusMillis(1)));

        assertThat(first).isNotEmpty().doesNotContainAnyElementsOf(second);
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        assertThat(GeneratorService.runSeed(42, START)).isNotEqualTo(GeneratorService.runSeed(43, START));
    }

    private static Set<String> eventIds(long runSeed) {
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withSeed(runSeed).withStart(START));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            GeneratedRecord record = generator.next();
            if (record.event() != null) {
                ids.add(String.valueOf(((org.apache.avro.generic.GenericRecord) record.event()).get("event_id")));
            }
        }
        return ids;
    }
}
