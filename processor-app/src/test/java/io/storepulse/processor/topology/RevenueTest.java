package io.storepulse.processor.topology;

import io.storepulse.avro.DeviceType;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.ProductRevenue;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.processor.revenue.RevenueContribution;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Revenue per product and event-time hour (CONTRACT section 8), expected values worked out by hand. */
class RevenueTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> purchases;

    @BeforeEach
    void start() {
        driver = TopologyTestSettings.driver("revenue-test", Instant.parse("2026-11-21T12:00:00Z"),
                (topic, route) -> { });
        purchases = TopologyTestSettings.input(driver, Topics.PURCHASE_EVENTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void revenueUnitsAndOrdersPerProductHour() {
        // p-7: 2 x 19.99 + 1 x 19.99 = 59.97, 3 units, one order; p-8: 5.00, 1 unit.
        purchase("u-1", "e-1", "10:15:00.000", item("p-7", 2, "19.99"), item("p-8", 1, "5.00"), item("p-7", 1, "19.99"));
        // Last millisecond of the 10:00 hour. p-7: 59.97 + 20.01 = 79.98, 4 units, 2 orders, average 39.99.
        purchase("u-2", "e-2", "10:59:59.999", item("p-7", 1, "20.01"));
        // 11:00:00.000 opens the next hour.
        purchase("u-1", "e-3", "11:00:00.000", item("p-7", 1, "10.00"));
        purchase("u-2", "e-2", "10:59:59.999", item("p-7", 1, "20.01"));   // duplicate: no change
        purchase("u-3", "e-4", "10:49:59.999", item("p-7", 5, "100.00"));  // stream time 11:00 - 10 min: late, no revenue

        Map<String, ProductRevenue> latest = new LinkedHashMap<>();
        List<ProductRevenue> emitted = driver.createOutputTopic(Topics.REVENUE_AGGREGATIONS, new StringDeserializer(),
                new ByteArrayDeserializer()).readValuesToList().stream().map(Codecs.REVENUE::decode).toList();
        emitted.forEach(r -> latest.put(r.getProductId() + "@" + r.getWindowStart(), r));

        assertThat(emitted).hasSize(4);
        assertThat(latest).hasSize(3);
        assertRevenue(latest.get("p-7@2026-11-21T10:00:00Z"), "10:00", "11:00", "79.98", 4, 2, "39.99");
        assertRevenue(latest.get("p-8@2026-11-21T10:00:00Z"), "10:00", "11:00", "5.00", 1, 1, "5.00");
        assertRevenue(latest.get("p-7@2026-11-21T11:00:00Z"), "11:00", "12:00", "10.00", 1, 1, "10.00");

        // The window store queries read holds the same hours.
        WindowStore<String, byte[]> store = driver.getWindowStore(TopologyProducer.REVENUE_STORE);
        List<ProductRevenue> p7 = new ArrayList<>();
        try (WindowStoreIterator<byte[]> hours = store.fetch("p-7", Instant.EPOCH, Instant.parse("2026-11-22T00:00:00Z"))) {
            hours.forEachRemaining(hour -> p7.add(RevenueContribution.fromBytes(hour.value).toRevenue("p-7")));
        }
        assertThat(p7).hasSize(2);
        assertRevenue(p7.get(0), "10:00", "11:00", "79.98", 4, 2, "39.99");
        assertRevenue(p7.get(1), "11:00", "12:00", "10.00", 1, 1, "10.00");
    }

    @Test
    void averageOrderValueRoundsHalfUpToCents() {
        purchase("u-1", "e-1", "10:00:00.000", item("p-1", 1, "10.00"));
        purchase("u-2", "e-2", "10:01:00.000", item("p-1", 1, "10.00"));
        purchase("u-3", "e-3", "10:02:00.000", item("p-1", 1, "10.01"));   // 30.01 / 3 = 10.00333 -> 10.00

        List<ProductRevenue> emitted = driver.createOutputTopic(Topics.REVENUE_AGGREGATIONS, new StringDeserializer(),
                new ByteArrayDeserializer()).readValuesToList().stream().map(Codecs.REVENUE::decode).toList();
        assertRevenue(emitted.get(2), "10:00", "11:00", "30.01", 3, 3, "10.00");
    }

    private static void assertRevenue(ProductRevenue revenue, String start, String end, String amount, long units,
                                      long orders, String average) {
        assertThat(revenue.getWindowStart()).isEqualTo(Instant.parse("2026-11-21T" + start + ":00Z"));
        assertThat(revenue.getWindowEnd()).isEqualTo(Instant.parse("2026-11-21T" + end + ":00Z"));
        assertThat(revenue.getRevenue()).isEqualByComparingTo(amount);
        assertThat(revenue.getUnits()).isEqualTo(units);
        assertThat(revenue.getOrders()).isEqualTo(orders);
        assertThat(revenue.getAvgOrderValue()).isEqualByComparingTo(average);
        assertThat(revenue.getAvgOrderValue().scale()).isEqualTo(2);
    }

    private static PurchaseItem item(String product, int quantity, String price) {
        return new PurchaseItem(product, quantity, new BigDecimal(price));
    }

    private void purchase(String user, String id, String time, PurchaseItem... items) {
        BigDecimal amount = BigDecimal.ZERO;
        for (PurchaseItem item : items) {
            amount = amount.add(item.getUnitPrice().multiply(BigDecimal.valueOf(item.getQuantity())));
        }
        Instant at = Instant.parse("2026-11-21T" + time + "Z");
        purchases.pipeInput(user, Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id).setUserId(user)
                .setSessionId("s-1").setOrderId("o-" + id).setItems(List.of(items)).setAmount(amount).setCurrency("USD")
                .setPaymentMethod(PaymentMethod.DEBIT_CARD).setIpAddress("203.0.113.9").setCountry("US")
                .setDeviceType(DeviceType.DESKTOP).setEventTime(at).build()), at);
    }
}
