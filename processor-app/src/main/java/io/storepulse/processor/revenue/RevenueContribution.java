package io.storepulse.processor.revenue;

import io.storepulse.avro.ProductRevenue;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.validation.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one purchase adds to one product's hour (CONTRACT section 8): quantity * unit_price of that product's items,
 * their quantities, and one order however many items hold the product. Travels on the repartition topic as 32 bytes.
 */
public record RevenueContribution(long windowStart, long revenueCents, long units, long orders) {

    public static final long HOUR = 3_600_000L;

    /** One contribution per distinct product of the purchase, in item order. */
    public static Map<String, RevenueContribution> of(PurchaseEvent purchase) {
        long windowStart = Math.floorDiv(purchase.getEventTime().toEpochMilli(), HOUR) * HOUR;
        Map<String, RevenueContribution> byProduct = new LinkedHashMap<>();
        List<PurchaseItem> items = purchase.getItems();
        for (PurchaseItem item : items) {
            long cents = Money.toCents(item.getUnitPrice()) * item.getQuantity();
            byProduct.merge(item.getProductId(), new RevenueContribution(windowStart, cents, item.getQuantity(), 1),
                    (a, b) -> new RevenueContribution(windowStart, a.revenueCents + b.revenueCents, a.units + b.units, 1));
        }
        return byProduct;
    }

    public RevenueContribution plus(RevenueContribution other) {
        return new RevenueContribution(windowStart, revenueCents + other.revenueCents, units + other.units,
                orders + other.orders);
    }

    /** The contract's record of this total for {@code productId}: average rounded half-up to cents. */
    public ProductRevenue toRevenue(String productId) {
        BigDecimal revenue = Money.ofCents(revenueCents);
        return ProductRevenue.newBuilder()
                .setProductId(productId)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowStart + HOUR))
                .setRevenue(revenue)
                .setUnits(units)
                .setOrders(orders)
                .setAvgOrderValue(orders == 0 ? Money.ZERO
                        : revenue.divide(BigDecimal.valueOf(orders), Money.SCALE, RoundingMode.HALF_UP))
                .build();
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(32).putLong(windowStart).putLong(revenueCents).putLong(units).putLong(orders).array();
    }

    public static RevenueContribution fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new RevenueContribution(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }
}
