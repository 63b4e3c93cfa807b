package io.storepulse.system;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's clicks and purchases, already on the broker, are merged by event time, not by when the broker appended
 * them. The purchases are written first: merged by append time, the two clicks from DE and FR would come after the
 * purchases from US and IT, and no event would ever see three countries within the hour before it, so there would be
 * no alert at all. Merged by event time, the purchase from US completes three countries and is the trigger.
 */
class EventTimeOrderIT {

    private static final String USER = "u-traveller";

    @Test
    void clicksAndPurchasesOnTheBrokerAreMergedByEventTime(@TempDir Path work) throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(40));
        try (LocalPipeline pipeline = LocalPipeline.startKafka(work)) {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer())) {
                send(producer, Topics.PURCHASE_EVENTS, Codecs.PURCHASE.encode(purchase("e-us", t0.plusSeconds(600), "US")));
                send(producer, Topics.PURCHASE_EVENTS, Codecs.PURCHASE.encode(purchase("e-it", t0.plusSeconds(900), "IT")));
                send(producer, Topics.CLICK_EVENTS, Codecs.CLICK.encode(click("e-de", t0, "DE")));
                send(producer, Topics.CLICK_EVENTS, Codecs.CLICK.encode(click("e-fr", t0.plusSeconds(300), "FR")));
            }
            Process processor = pipeline.startReadyProcessor(work.resolve("state"), work.resolve("processor.log"));
            try (ProcessorLag lag = new ProcessorLag(pipeline.bootstrap())) {
                lag.awaitCaughtUp(processor, Duration.ofSeconds(60));
            }
            List<FraudAlert> alerts = CommittedOutputs.readFraudAlerts(pipeline.bootstrap(), Duration.ofSeconds(60));

            assertThat(alerts).hasSize(1);
            FraudAlert alert = alerts.get(0);
            assertThat(alert.getRule()).isEqualTo(FraudRule.IMPOSSIBLE_TRAVEL);
            assertThat(alert.getUserId()).isEqualTo(USER);
            assertThat(alert.getWindowEnd()).isEqualTo(t0.plusSeconds(600));
            assertThat(alert.getWindowStart()).isEqualTo(t0.plusSeconds(600).minus(Duration.ofHours(1)));
            assertThat(alert.getEventIds()).containsExactlyInAnyOrder("e-de", "e-fr", "e-us");
        }
    }

    /** Sends one record and waits for the broker's acknowledgement, so the append order is the order of the calls. */
    private static void send(KafkaProducer<String, byte[]> producer, String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, USER, value)).get();
    }

    private static ClickEvent click(String id, Instant time, String country) {
        return ClickEvent.newBuilder().setEventId(id).setUserId(USER).setSessionId("s-1")
                .setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry(country).setEventTime(time).build();
    }

    private static PurchaseEvent purchase(String id, Instant time, String country) {
        BigDecimal price = new BigDecimal("20.00");
        return PurchaseEvent.newBuilder().setEventId(id).setUserId(USER).setSessionId("s-1").setOrderId("o-" + id)
                .setItems(List.of(new PurchaseItem("p-1", 1, price))).setAmount(price).setCurrency("USD")
                .setPaymentMethod(PaymentMethod.CREDIT_CARD).setCardFingerprint("card-1").setIpAddress("203.0.113.7")
                .setCountry(country).setDeviceType(DeviceType.MOBILE).setEventTime(time).build();
    }
}
