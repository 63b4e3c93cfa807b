package io.storepulse.processor.archive;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.storepulse.processor.archive.ArchiveRecords.click;
import static io.storepulse.processor.archive.ArchiveRecords.item;
import static io.storepulse.processor.archive.ArchiveRecords.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Object keys, hour buckets, roll plans and how a roll becomes objects. */
class ArchiveLayoutTest {

    private static final Instant LAST_MILLI_OF_TEN = Instant.parse("2026-12-05T10:59:59.999Z");
    private static final Instant ELEVEN = Instant.parse("2026-12-05T11:00:00.000Z");

    @Test
    void anEventExactlyAtTheHourIsInTheLaterHour() {
        assertThat(ArchiveKeys.hourOf(LAST_MILLI_OF_TEN)).isEqualTo(ArchiveKeys.hourOf(ELEVEN) - 1);
        assertThat(ArchiveKeys.prefix("click-events", ArchiveKeys.hourOf(LAST_MILLI_OF_TEN)))
                .isEqualTo("click-events/dt=2026-12-05/hour=10/");
        assertThat(ArchiveKeys.prefix("click-events", ArchiveKeys.hourOf(ELEVEN)))
                .isEqualTo("click-events/dt=2026-12-05/hour=11/");
        // Midnight UTC starts a new date; 1969 (before the epoch) is floored, not truncated towards zero.
        assertThat(ArchiveKeys.prefix("t", ArchiveKeys.hourOf(Instant.parse("2026-12-31T23:59:59.999Z")) + 1))
                .isEqualTo("t/dt=2027-01-01/hour=00/");
        assertThat(ArchiveKeys.prefix("t", ArchiveKeys.hourOf(Instant.parse("1969-12-31T23:30:00Z"))))
                .isEqualTo("t/dt=1969-12-31/hour=23/");
    }

    @Test
    void namesAreTopicPartitionAndTheRollsOffsetsZeroPadded() {
        assertThat(ArchiveKeys.key("purchase-events", ArchiveKeys.hourOf(ELEVEN), 3, 1200, 4711)).isEqualTo(
                "purchase-events/dt=2026-12-05/hour=11/purchase-events-3-00000000000000001200-00000000000000004711.parquet");
    }

    @Test
    void aPlanRoundTripsThroughOffsetMetadata() {
        RollPlan plan = new RollPlan(100, 250, List.of(491_234L, 491_235L));
        assertThat(plan.encode()).isEqualTo("archive-roll/1;100;250;491234,491235");
        assertThat(RollPlan.decode(plan.encode())).contains(plan);
        assertThat(plan.nextOffset()).isEqualTo(251);
        RollPlan skippedOnly = new RollPlan(7, 7, List.of());
        assertThat(RollPlan.decode(skippedOnly.encode())).contains(skippedOnly);
        assertThat(RollPlan.decode(null)).isEqualTo(Optional.empty());
        assertThat(RollPlan.decode("")).isEqualTo(Optional.empty());
        assertThat(RollPlan.decode("written by another tool")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> RollPlan.decode("archive-roll/1;1;2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unreadable archive plan");
        assertThatThrownBy(() -> new RollPlan(5, 4, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLongestPlanFitsKafkasDefaultMetadataLimit() {
        List<Long> hours = new java.util.ArrayList<>();
        for (long h = 0; h < RollPlan.MAX_HOURS; h++) {
            hours.add(Long.MAX_VALUE / 3_600_000L - h);
        }
        assertThat(new RollPlan(Long.MAX_VALUE - 10, Long.MAX_VALUE - 1, hours).encode().length()).isLessThan(4096);
    }

    @Test
    void aRollSpanningAnHourBecomesOneObjectPerHourNamedByTheWholeRange() {
        Roll roll = new Roll(ArchivedTopic.CLICK_EVENTS, 2, 0L);
        roll.cover(10, 1_000);
        roll.add(click("c-1", LAST_MILLI_OF_TEN, null, Map.of()), ArchiveKeys.hourOf(LAST_MILLI_OF_TEN), 10);
        roll.cover(11, 900); // undecodable: in the range, not a row
        roll.cover(12, 1_100);
        roll.add(click("c-2", ELEVEN, null, Map.of()), ArchiveKeys.hourOf(ELEVEN), 12);
        roll.cover(13, 1_200);
        roll.add(click("c-3", ELEVEN, null, Map.of()), ArchiveKeys.hourOf(ELEVEN), 13);

        Sealed sealed = roll.seal();
        assertThat(sealed.plan()).isEqualTo(new RollPlan(10, 13,
                List.of(ArchiveKeys.hourOf(LAST_MILLI_OF_TEN), ArchiveKeys.hourOf(ELEVEN))));
        assertThat(sealed.parts()).extracting(Sealed.Part::key).containsExactly(
                "click-events/dt=2026-12-05/hour=10/click-events-2-00000000000000000010-00000000000000000013.parquet",
                "click-events/dt=2026-12-05/hour=11/click-events-2-00000000000000000010-00000000000000000013.parquet");
        assertThat(sealed.parts()).extracting(Sealed.Part::rows).containsExactly(1L, 2L);
        assertThat(sealed.oldestTimestamp()).isEqualTo(900);
        assertThat(sealed.plan().keys("click-events", 2)).isEqualTo(
                sealed.parts().stream().map(Sealed.Part::key).toList());
    }

    @Test
    void aRollOfSkippedRecordsOnlyHasARangeAndNoObject() {
        Roll roll = new Roll(ArchivedTopic.PURCHASE_EVENTS, 0, 0L);
        roll.cover(5, 1);
        roll.cover(6, 2);
        Sealed sealed = roll.seal();
        assertThat(sealed.plan()).isEqualTo(new RollPlan(5, 6, List.of()));
        assertThat(sealed.parts()).isEmpty();
    }

    @Test
    void aRollRefusesAnHourBeyondWhatItsPlanCanName() {
        Roll roll = new Roll(ArchivedTopic.PURCHASE_EVENTS, 0, 0L);
        for (int h = 0; h < RollPlan.MAX_HOURS; h++) {
            Instant time = ELEVEN.plusSeconds(3600L * h);
            roll.cover(h, 0);
            roll.add(purchase("e-" + h, time, null, item("p", 1, "1.00")), ArchiveKeys.hourOf(time), h);
        }
        assertThat(roll.full(ArchiveKeys.hourOf(ELEVEN))).isFalse();
        assertThat(roll.full(ArchiveKeys.hourOf(ELEVEN) - 1)).isTrue();
    }

    @Test
    void theSameRecordsGiveTheSameBytes() {
        byte[][] files = new byte[2][];
        for (int i = 0; i < 2; i++) {
            ParquetObject object = new ParquetObject(ArchivedTopic.PURCHASE_EVENTS);
            object.write(purchase("e-1", ELEVEN, "c", item("p-1", 2, "3.50")), 1, 77);
            files[i] = object.finish();
        }
        assertThat(files[0]).isEqualTo(files[1]);
    }

    @Test
    void anUnknownTopicIsAClearConfigurationError() {
        assertThatThrownBy(() -> ArchivedTopic.of("late-events")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storepulse.archive.topics: late-events is not an archivable topic");
    }
}
