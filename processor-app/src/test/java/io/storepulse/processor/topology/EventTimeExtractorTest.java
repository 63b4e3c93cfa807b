package io.storepulse.processor.topology;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.validation.EventKind;
import io.storepulse.model.validation.EventRules;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The order of input records and their stream time: the newest valid event time, never moved by a rejected record. */
class EventTimeExtractorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final long WRITTEN_AT = NOW.plusSeconds(3600).toEpochMilli();
    private final EventTimeExtractor extractor = new EventTimeExtractor(new EventRules(Duration.ofMinutes(5)), NOW::toEpochMilli);

    @Test
    void anEventIsOrderedByItsEventTimeAndKeepsItsWriteTime() {
        InboundRecord click = click(NOW.minusSeconds(60));
        long watermark = NOW.minusSeconds(120).toEpochMilli();

        assertThat(extractor.extract(record(click), watermark)).isEqualTo(NOW.minusSeconds(60).toEpochMilli());
        assertThat(click.writtenAt()).isEqualTo(WRITTEN_AT);
    }

    @Test
    void anOlderEventKeepsItsPlaceBehindWhatWasWrittenBeforeIt() {
        long watermark = NOW.minusSeconds(60).toEpochMilli();

        assertThat(extractor.extract(record(click(NOW.minusSeconds(61))), watermark)).isEqualTo(watermark);
    }

    @Test
    void anEventTooFarAheadOfTheClockCannotMoveThePartitionIntoTheFuture() {
        long watermark = NOW.minusSeconds(60).toEpochMilli();

        assertThat(extractor.extract(record(click(NOW.plus(Duration.ofMinutes(5)))), watermark))
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)).toEpochMilli());
        assertThat(extractor.extract(record(click(NOW.plus(Duration.ofMinutes(5)).plusMillis(1))), watermark))
                .isEqualTo(watermark);
    }

    @Test
    void anEventBreakingARuleKeepsTheWatermarkAndCarriesItsErrors() {
        ClickEvent event = clickEvent(NOW.minusSeconds(30));
        event.setCountry("XX");
        InboundRecord invalid = InboundRecord.decode(EventKind.CLICK, Codecs.CLICK.encode(event));
        long watermark = NOW.minusSeconds(60).toEpochMilli();

        assertThat(extractor.extract(record(invalid), watermark)).isEqualTo(watermark);
        assertThat(invalid.errors()).singleElement().asString().startsWith("country:");
    }

    @Test
    void eachRecordCarriesItsPartitionsStreamTimeBeforeIt() {
        InboundRecord valid = click(NOW.minusSeconds(30));
        long partitionTime = NOW.minusSeconds(60).toEpochMilli();

        extractor.extract(record(valid), partitionTime);

        assertThat(valid.streamTimeBefore()).isEqualTo(partitionTime);
        assertThat(valid.errors()).isEmpty();
    }

    @Test
    void anUndecodableRecordKeepsTheWatermarkAndItsWriteTime() {
        InboundRecord garbage = InboundRecord.decode(EventKind.CLICK, "garbage".getBytes(StandardCharsets.UTF_8));
        long watermark = NOW.minusSeconds(60).toEpochMilli();

        assertThat(extractor.extract(record(garbage), watermark)).isEqualTo(watermark);
        assertThat(garbage.writtenAt()).isEqualTo(WRITTEN_AT);
        // Before any record of the partition the watermark is -1, which Kafka Streams would drop the record for.
        assertThat(extractor.extract(record(InboundRecord.decode(EventKind.CLICK, null)), -1)).isZero();
    }

    private static ConsumerRecord<Object, Object> record(InboundRecord value) {
        return new ConsumerRecord<>(Topics.CLICK_EVENTS, 0, 7, WRITTEN_AT,
                TimestampType.LOG_APPEND_TIME, 3, 10, "u-1", value,
                new RecordHeaders(), Optional.empty());
    }

    private static InboundRecord click(Instant time) {
        return InboundRecord.decode(EventKind.CLICK, Codecs.CLICK.encode(clickEvent(time)));
    }

    private static ClickEvent clickEvent(Instant time) {
        return ClickEvent.newBuilder().setEventId("e-1").setUserId("u-1").setSessionId("s-1")
                .setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry("US").setEventTime(time).build();
    }
}
