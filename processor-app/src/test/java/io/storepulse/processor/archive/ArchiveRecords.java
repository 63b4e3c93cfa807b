package io.storepulse.processor.archive;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.avro.Severity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records of each archived type, with every field given, for the archive's tests. */
final class ArchiveRecords {

    private ArchiveRecords() {
    }

    static ClickEvent click(String id, Instant time, String productId, Map<String, String> properties) {
        return ClickEvent.newBuilder().setEventId(id).setUserId("u-1").setSessionId("s-1")
                .setEventType(ClickEventType.PRODUCT_VIEW).setPageUrl("/p/" + productId).setProductId(productId)
                .setReferrer(null).setDeviceType(DeviceType.MOBILE).setIpAddress("203.0.113.7").setCountry("DE")
                .setEventTime(time).setProperties(properties).build();
    }

    static PurchaseEvent purchase(String id, Instant time, String card, PurchaseItem... items) {
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        for (PurchaseItem item : items) {
            amount = amount.add(item.getUnitPrice().multiply(BigDecimal.valueOf(item.getQuantity())));
        }
        return PurchaseEvent.newBuilder().setEventId(id).setUserId("u-1").setSessionId("s-1").setOrderId("o-" + id)
                .setItems(List.of(items)).setAmount(amount).setCurrency("EUR")
                .setPaymentMethod(PaymentMethod.CREDIT_CARD).setCardFingerprint(card).setIpAddress("203.0.113.7")
                .setCountry("DE").setDeviceType(DeviceType.DESKTOP).setEventTime(time).build();
    }

    static PurchaseItem item(String productId, int quantity, String unitPrice) {
        return PurchaseItem.newBuilder().setProductId(productId).setQuantity(quantity)
                .setUnitPrice(new BigDecimal(unitPrice)).build();
    }

    static InventoryEvent inventory(String id, Instant time, int change, int current) {
        return InventoryEvent.newBuilder().setEventId(id).setProductId("p-1").setWarehouseId("w-1")
                .setOperation(change > 0 ? InventoryOperation.RESTOCK : InventoryOperation.SALE)
                .setQuantityChange(change).setCurrentQuantity(current).setEventTime(time).build();
    }

    static FraudAlert alert(String id, Instant detectedAt, Map<String, Object> evidence, List<String> eventIds) {
        return FraudAlert.newBuilder().setAlertId(id).setRule(FraudRule.CARD_TESTING).setUserId("u-1")
                .setRiskScore(0.875).setSeverity(Severity.HIGH).setWindowStart(detectedAt.minusSeconds(600))
                .setWindowEnd(detectedAt).setEventTime(detectedAt.minusSeconds(1)).setDetectedAt(detectedAt)
                .setEvidence(evidence).setEventIds(eventIds).build();
    }
}
