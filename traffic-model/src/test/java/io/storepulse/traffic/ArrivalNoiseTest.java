package io.storepulse.traffic;

import io.storepulse.model.Topics;
import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.validation.EventKind;
import io.storepulse.model.codec.CodecException;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Late, late-beyond-grace, duplicate and malformed records: their shares, and how late is late. */
class ArrivalNoiseTest {

    private static final int RECORDS = 500_000;
    private static final TrafficConfig CONFIG = TrafficConfig.defaults().withSeed(2024);
    private static final long GRACE = CONFIG.grace().toMillis();

    /** A record with how far the virtual clock was ahead of its timestamp when it was emitted. */
    private record Arrival(GeneratedRecord record, long lagMillis, long tick) {
    }

    private static final Map<Origin, List<Arrival>> byOrigin = new EnumMap<>(Origin.class);
    private static final Map<String, GeneratedRecord> originals = new HashMap<>();
    private static final List<String> unmatchedDuplicates = new ArrayList<>();
    private static long records;

    @BeforeAll
    static void generate() {
        TrafficGenerator generator = new TrafficGenerator(CONFIG);
        for (Origin origin : Origin.values()) {
            byOrigin.put(origin, new ArrayList<>());
        }
        for (int i = 0; i < RECORDS; i++) {
            long tick = generator.records();
            GeneratedRecord record = generator.next();
            byOrigin.get(record.origin()).add(new Arrival(record, generator.virtualTimeMillis() - record.timestamp(), tick));
            if (record.origin() == Origin.DUPLICATE) {
                GeneratedRecord original = originals.get(eventId(record.event()));
                if (original == null || !Arrays.equals(original.value(), record.value())
                        || !original.topic().equals(record.topic()) || !original.key().equals(record.key())
                        || original.timestamp() != record.timestamp()) {
                    unmatchedDuplicates.add(eventId(record.event()));
                }
            } else if (record.event() != null) {
                originals.put(eventId(record.event()), record);
            }
        }
        records = generator.records();
    }

    @Test
    void sharesOfAllRecordsMatchTheConfiguredRatios() {
        assertThat(share(Origin.LATE)).isCloseTo(CONFIG.lateRatio(), within(0.2 * CONFIG.lateRatio()));
        assertThat(share(Origin.LATE_BEYOND_GRACE))
                .isCloseTo(CONFIG.lateBeyondGraceRatio(), within(0.2 * CONFIG.lateBeyondGraceRatio()));
        assertThat(share(Origin.DUPLICATE)).isCloseTo(CONFIG.duplicateRatio(), within(0.2 * CONFIG.duplicateRatio()));
        assertThat(share(Origin.MALFORMED)).isCloseTo(CONFIG.malformedRatio(), within(0.2 * CONFIG.malformedRatio()));
    }

    @Test
    void lateEventsArriveOneSecondToHalfTheGraceLate() {
        assertThat(byOrigin.get(Origin.LATE)).allSatisfy(a -> assertThat(a.lagMillis()).isBetween(1_000L, GRACE / 2));
    }

    @Test
    void eventsBeyondGraceArriveOneToFiveMinutesAfterTheGrace() {
        assertThat(byOrigin.get(Origin.LATE_BEYOND_GRACE)).allSatisfy(a -> assertThat(a.lagMillis())
                .isGreaterThan(GRACE)
                .isBetween(GRACE + 60_000, GRACE + 300_000));
    }

    @Test
    void onTimeRecordsAreNeverAheadOfTheClockAndLegitOnesAreStampedWithIt() {
        long start = CONFIG.start().toEpochMilli();
        for (Arrival arrival : byOrigin.get(Origin.NORMAL)) {
            assertThat(arrival.lagMillis()).isBetween(0L, 10_000L);
            if (!arrival.record().topic().equals(Topics.INVENTORY_EVENTS)) {
                assertThat(arrival.record().timestamp()).isEqualTo(start + Math.round(arrival.tick() * 1000.0 / CONFIG.rate()));
            }
        }
        assertThat(byOrigin.get(Origin.FRAUD)).allSatisfy(a -> assertThat(a.lagMillis()).isBetween(0L, 10_000L));
    }

    @Test
    void duplicatesResendAnEarlierEventUnchanged() {
        assertThat(byOrigin.get(Origin.DUPLICATE)).isNotEmpty();
        assertThat(unmatchedDuplicates).isEmpty();
    }

    @Test
    void malformedRecordsFailDecodingOnTheirTopic() {
        List<Arrival> malformed = byOrigin.get(Origin.MALFORMED);
        assertThat(malformed).extracting(a -> a.record().topic()).containsOnly(Topics.INPUTS.toArray(String[]::new))
                .contains(Topics.INPUTS.toArray(String[]::new));
        for (Arrival arrival : malformed) {
            GeneratedRecord record = arrival.record();
            assertThat(record.event()).isNull();
            assertThat(arrival.lagMillis()).isZero();
            assertThat(record.key()).startsWith(record.topic().equals(Topics.INVENTORY_EVENTS) ? "p-" : "u-");
            assertThatThrownBy(() -> codecOf(record.topic()).decode(record.value())).isInstanceOf(CodecException.class);
        }
    }

    private static double share(Origin origin) {
        return (double) byOrigin.get(origin).size() / records;
    }

    private static AvroCodec<? extends SpecificRecord> codecOf(String topic) {
        return EventKind.ofTopic(topic).codec();
    }

    private static String eventId(SpecificRecord event) {
        return String.valueOf(((org.apache.avro.generic.GenericRecord) event).get("event_id"));
    }
}
