package io.storepulse.model;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.Severity;
import io.storepulse.model.codec.AvroSerde;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecTest {

    @Test
    void purchaseRoundTripKeepsMoneyExact() {
        PurchaseEvent purchase = PurchaseEvent.newBuilder().setEventId("e-2").setUserId("u-42").setSessionId("s-1")
                .setOrderId("o-9").setItems(List.of(new PurchaseItem("p-7", 2, new BigDecimal("19.99"))))
                .setAmount(new BigDecimal("39.98")).setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD)
                .setCardFingerprint("f-3").setIpAddress("203.0.113.7").setCountry("US").setDeviceType(DeviceType.MOBILE)
                .setEventTime(Instant.parse("2026-11-21T10:01:00.000Z")).build();

        byte[] bytes = Codecs.PURCHASE.encode(purchase);
        PurchaseEvent read = Codecs.PURCHASE.decode(bytes);

        assertThat(read).isEqualTo(purchase);
        assertThat(read.getAmount()).isEqualByComparingTo("39.98");
        assertThat(read.getAmount().scale()).isEqualTo(2);
        assertThat(bytes[0]).as("single-object encoding marker").isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void alertEvidenceKeepsNumbersTextAndLists() {
        FraudAlert alert = FraudAlert.newBuilder().setAlertId("a-1").setRule(FraudRule.IMPOSSIBLE_TRAVEL)
                .setUserId("u-1").setRiskScore(0.9).setSeverity(Severity.HIGH)
                .setWindowStart(Instant.ofEpochMilli(0)).setWindowEnd(Instant.ofEpochMilli(3_600_000))
                .setEventTime(Instant.ofEpochMilli(3_600_000)).setDetectedAt(Instant.ofEpochMilli(3_600_100))
                .setEvidence(Map.of("countries", List.of("US", "FR", "JP"), "distinct_countries", 3.0, "note", "x"))
                .setEventIds(List.of("e-1", "e-2", "e-3")).build();

        assertThat(Codecs.FRAUD_ALERT.decode(Codecs.FRAUD_ALERT.encode(alert))).isEqualTo(alert);
    }

    @Test
    void garbageBytesFailWithCodecException() {
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Codecs.CLICK.decode(garbage)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Codecs.CLICK.decode(new byte[0])).isInstanceOf(CodecException.class);
    }

    @Test
    void truncatedRecordFails() {
        byte[] bytes = Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId("e").setUserId("u").setSessionId("s")
                .setOrderId("o").setItems(List.of(new PurchaseItem("p", 1, new BigDecimal("1.00"))))
                .setAmount(new BigDecimal("1.00")).setCurrency("USD").setPaymentMethod(PaymentMethod.GIFT_CARD)
                .setIpAddress("10.0.0.1").setCountry("US").setDeviceType(DeviceType.DESKTOP)
                .setEventTime(Instant.EPOCH).build());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 4);

        assertThatThrownBy(() -> Codecs.PURCHASE.decode(truncated)).isInstanceOf(CodecException.class);
    }

    @Test
    void serdePassesTombstonesThrough() {
        AvroSerde<PurchaseEvent> serde = new AvroSerde<>(Codecs.PURCHASE);

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
