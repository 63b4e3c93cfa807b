package io.storepulse.traffic;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.validation.EventKind;
import io.storepulse.model.validation.EventRules;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedEventsTest {

    private static final int RECORDS = 200_000;
    private static final Set<Origin> ORIGINALS = EnumSet.of(Origin.NORMAL, Origin.FRAUD, Origin.LATE,
            Origin.LATE_BEYOND_GRACE);

    private static final List<GeneratedRecord> records = new ArrayList<>(RECORDS);

    @BeforeAll
    static void generate() {
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withSeed(99).withFraudRatio(0.02));
        for (int i = 0; i < RECORDS; i++) {
            records.add(generator.next());
        }
    }

    @Test
    void everyEventPassesTheContractRules() {
        EventRules rules = EventRules.defaults();
        List<String> broken = new ArrayList<>();
        for (GeneratedRecord record : events()) {
            List<String> errors = rules.validate(record.event(), Instant.ofEpochMilli(record.timestamp()));
            if (!errors.isEmpty()) {
                broken.add(record.event() + " " + errors);
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyEventDecodesBackToItselfFromItsBytes() {
        for (GeneratedRecord record : events()) {
            SpecificRecord decoded = codecOf(record.topic()).decode(record.value());
            assertThat(decoded).isEqualTo(record.event());
        }
    }

    @Test
    void topicKeyAndTimestampFollowTheContract() {
        for (GeneratedRecord record : events()) {
            SpecificRecord event = record.event();
            if (event instanceof ClickEvent click) {
                assertThat(record.topic()).isEqualTo(Topics.CLICK_EVENTS);
                assertThat(record.key()).isEqualTo(click.getUserId());
                assertThat(record.timestamp()).isEqualTo(click.getEventTime().toEpochMilli());
            } else if (event instanceof PurchaseEvent purchase) {
                assertThat(record.topic()).isEqualTo(Topics.PURCHASE_EVENTS);
                assertThat(record.key()).isEqualTo(purchase.getUserId());
                assertThat(record.timestamp()).isEqualTo(purchase.getEventTime().toEpochMilli());
                assertThat(purchase.getCurrency()).isEqualTo("USD");
                assertThat(purchase.getAmount().scale()).isEqualTo(2);
            } else if (event instanceof InventoryEvent inventory) {
                assertThat(record.topic()).isEqualTo(Topics.INVENTORY_EVENTS);
                assertThat(record.key()).isEqualTo(inventory.getProductId());
                assertThat(record.timestamp()).isEqualTo(inventory.getEventTime().toEpochMilli());
            }
        }
    }

    @Test
    void eventIdsAreUniqueAcrossTheRunExceptForDuplicates() {
        Set<String> ids = new HashSet<>();
        List<String> reused = new ArrayList<>();
        for (GeneratedRecord record : records) {
            if (ORIGINALS.contains(record.origin()) && !ids.add(eventId(record.event()))) {
                reused.add(eventId(record.event()));
            }
        }
        assertThat(reused).isEmpty();
        assertThat(ids).allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(64).startsWith("e-63-"));
    }

    @Test
    void everyKindOfEventAndOriginShowsUp() {
        Set<Class<?>> kinds = new HashSet<>();
        Set<Origin> origins = EnumSet.noneOf(Origin.class);
        for (GeneratedRecord record : records) {
            origins.add(record.origin());
            if (record.event() != null) {
                kinds.add(record.event().getClass());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(ClickEvent.class, PurchaseEvent.class, InventoryEvent.class);
        assertThat(origins).containsExactlyInAnyOrder(Origin.values());
    }

    private static List<GeneratedRecord> events() {
        return records.stream().filter(r -> r.event() != null).toList();
    }

    private static AvroCodec<? extends SpecificRecord> codecOf(String topic) {
        return EventKind.ofTopic(topic).codec();
    }

    private static String eventId(SpecificRecord event) {
        return String.valueOf(((org.apache.avro.generic.GenericRecord) event).get("event_id"));
    }
}
